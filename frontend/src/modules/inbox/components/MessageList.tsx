import { useCallback, useLayoutEffect, useMemo, useRef } from "react";
import type { ChannelTemplate, Message } from "@/api/schemas";
import { useOnVisible } from "@/hooks/useOnVisible";
import { useI18n } from "@/i18n/hooks/useI18n";
import { MessageBubble } from "@/modules/inbox/components/MessageBubble";
import { useMessages } from "@/modules/inbox/hooks/useMessages";
import { buildChatItems } from "@/modules/inbox/utils/buildChatItems";
import { Spinner } from "@/ui/Spinner";

export type MessageListProps = {
  conversationId: string;
  templates?: ChannelTemplate[];
  onReply: (message: Message) => void;
  onCancelScheduled: (message: Message) => void;
};

/** The chat history: oldest at the top (loaded on scroll), new messages appear at the bottom live. */
export function MessageList({ conversationId, templates, onReply, onCancelScheduled }: MessageListProps) {
  const { t, timeZone, formatDate } = useI18n();
  const query = useMessages(conversationId);
  const scroller = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const previous = useRef({ height: 0, newest: "", oldest: "" });

  const messages = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const items = useMemo(() => buildChatItems(messages, timeZone), [messages, timeZone]);

  const loadOlder = useCallback(() => {
    if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  }, [query]);
  useOnVisible(top, loadOlder, Boolean(query.hasNextPage));

  // Stay at the bottom for new messages; keep the reading position when older ones load above.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const newest = messages[0]?.id ?? "";
    const oldest = messages[messages.length - 1]?.id ?? "";
    const before = previous.current;
    const nearBottom = before.height - element.scrollTop - element.clientHeight < 160;
    if (oldest !== before.oldest && newest === before.newest && before.height > 0) {
      element.scrollTop += element.scrollHeight - before.height;
    } else if (newest !== before.newest && (nearBottom || before.newest === "" || messages[0]?.direction === "outbound")) {
      element.scrollTop = element.scrollHeight;
    }
    previous.current = { height: element.scrollHeight, newest, oldest };
  }, [messages]);

  useLayoutEffect(() => {
    previous.current = { height: 0, newest: "", oldest: "" };
  }, [conversationId]);

  if (query.isPending) return <Spinner label={t("common.loading")} />;
  return (
    <div ref={scroller} className="message-list" role="log" aria-live="polite" aria-label={t("chat.messages")} tabIndex={0}>
      <div ref={top} className="message-list-top">
        {query.isFetchingNextPage && <Spinner label={t("chat.loadingOlder")} />}
        {!query.hasNextPage && messages.length > 0 && <p className="muted center">{t("chat.beginning")}</p>}
      </div>
      {items.map((item) =>
        item.kind === "day" ? (
          <div key={`day-${item.day}`} className="day-separator" role="separator">
            <span>{formatDate(item.at, "date")}</span>
          </div>
        ) : (
          <MessageBubble
            key={item.message.id}
            message={item.message}
            reactions={item.reactions}
            replyTo={item.replyTo}
            templates={templates}
            onReply={onReply}
            onCancelScheduled={onCancelScheduled}
          />
        ),
      )}
    </div>
  );
}
