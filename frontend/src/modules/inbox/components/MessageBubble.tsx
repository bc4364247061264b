import { Reply, X } from "lucide-react";
import type { ChannelTemplate, Message } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { MessageContent } from "@/modules/inbox/components/MessageContent";
import { MessageTicks } from "@/modules/inbox/components/MessageTicks";
import { messageTick } from "@/modules/inbox/utils/messageTick";

export type MessageBubbleProps = {
  message: Message;
  reactions: string[];
  replyTo: Message | "missing" | null;
  templates?: ChannelTemplate[];
  onReply?: (message: Message) => void;
  onCancelScheduled?: (message: Message) => void;
};

const snippet = (message: Message) => message.text || (typeof message.content.caption === "string" ? message.content.caption : `[${message.type}]`);

/** One message: the answered message quoted, its content, time, delivery ticks, reactions, failure. */
export function MessageBubble({ message, reactions, replyTo, templates, onReply, onCancelScheduled }: MessageBubbleProps) {
  const { t, formatDate } = useI18n();
  const outbound = message.direction === "outbound";
  const tick = messageTick(message);
  const error = message.error ?? {};
  return (
    <article
      className={`bubble ${outbound ? "bubble-out" : "bubble-in"} ${tick === "failed" ? "bubble-failed" : ""}`}
      aria-label={outbound ? t("message.fromUs") : t("message.fromContact")}
      data-message-id={message.id}
    >
      {replyTo && (
        <blockquote className="bubble-quote">{replyTo === "missing" ? t("message.replyToEarlier") : snippet(replyTo)}</blockquote>
      )}
      <MessageContent message={message} templates={templates} />
      <footer className="bubble-meta">
        {message.status === "scheduled" && message.scheduled_at ? (
          <span>{t("message.scheduledFor", { when: formatDate(message.scheduled_at) })}</span>
        ) : (
          <time dateTime={message.created_at}>{formatDate(message.created_at, "time")}</time>
        )}
        <MessageTicks tick={tick} />
      </footer>
      {tick === "failed" && (
        <p className="bubble-error" role="note">
          {t("message.failed")}: {typeof error.message === "string" ? error.message : typeof error.code === "string" ? error.code : t("message.failedUnknown")}
        </p>
      )}
      {reactions.length > 0 && (
        <span className="bubble-reactions" aria-label={t("message.reactions", { emojis: reactions.join(" ") })}>
          {reactions.join(" ")}
        </span>
      )}
      <div className="bubble-actions">
        {onReply && message.provider_message_id && (
          <button type="button" className="icon-btn icon-btn-sm" onClick={() => onReply(message)} aria-label={t("message.reply")} title={t("message.reply")}>
            <Reply size={14} aria-hidden="true" />
          </button>
        )}
        {onCancelScheduled && message.status === "scheduled" && (
          <button type="button" className="icon-btn icon-btn-sm" onClick={() => onCancelScheduled(message)} aria-label={t("message.cancelScheduled")} title={t("message.cancelScheduled")}>
            <X size={14} aria-hidden="true" />
          </button>
        )}
      </div>
    </article>
  );
}
