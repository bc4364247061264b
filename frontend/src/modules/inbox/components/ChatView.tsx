import { useEffect, useState } from "react";
import type { Message } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { ChatHeader } from "@/modules/inbox/components/ChatHeader";
import { Composer } from "@/modules/inbox/components/Composer";
import { MessageList } from "@/modules/inbox/components/MessageList";
import { useCancelScheduled } from "@/modules/inbox/hooks/useCancelScheduled";
import { useConversation } from "@/modules/inbox/hooks/useConversation";
import { useMarkRead } from "@/modules/inbox/hooks/useMarkRead";
import { useTemplates } from "@/modules/inbox/hooks/useTemplates";
import { useConfirm } from "@/ui/confirm/useConfirm";
import { EmptyState } from "@/ui/EmptyState";
import { Spinner } from "@/ui/Spinner";

export type ChatViewProps = { conversationId: string; detailsOpen: boolean; onToggleDetails: () => void };

/** The open conversation: header, history and composer; read as soon as it is on screen (keyed by conversation). */
export function ChatView({ conversationId, detailsOpen, onToggleDetails }: ChatViewProps) {
  const { t } = useI18n();
  const conversation = useConversation(conversationId);
  const markRead = useMarkRead();
  const cancel = useCancelScheduled();
  const confirm = useConfirm();
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const templates = useTemplates(conversation.data?.channel_id);
  const unread = conversation.data?.unread_count ?? 0;

  // Read as soon as it is on screen: now, when new messages arrive, or when the tab comes back.
  const { mutate: markReadNow } = markRead;
  useEffect(() => {
    if (unread === 0) return;
    const readIfVisible = () => document.visibilityState === "visible" && markReadNow(conversationId);
    readIfVisible();
    document.addEventListener("visibilitychange", readIfVisible);
    return () => document.removeEventListener("visibilitychange", readIfVisible);
  }, [conversationId, unread, markReadNow]);

  if (conversation.isError) return <EmptyState title={t("chat.notFound")} />;
  if (!conversation.data) return <Spinner label={t("common.loading")} />;

  const cancelScheduled = async (message: Message) => {
    const ok = await confirm({ title: t("message.cancelScheduledTitle"), body: t("message.cancelScheduledBody"), confirmLabel: t("message.cancelScheduled"), destructive: true });
    if (ok) cancel.mutate(message);
  };

  return (
    <section className="chat" aria-label={t("chat.label", { name: conversation.data.contact.name || conversation.data.contact.phone || "" })}>
      <ChatHeader conversation={conversation.data} detailsOpen={detailsOpen} onToggleDetails={onToggleDetails} />
      <MessageList conversationId={conversationId} templates={templates.data} onReply={setReplyTo} onCancelScheduled={cancelScheduled} />
      <Composer key={conversationId} conversation={conversation.data} replyTo={replyTo} onClearReply={() => setReplyTo(null)} />
    </section>
  );
}
