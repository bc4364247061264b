import { NavLink } from "react-router";
import type { Conversation } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { initials } from "@/modules/inbox/utils/initials";

export type ConversationListItemProps = { conversation: Conversation; search: string };

/** A row of the conversation list: who, the last message, when, unread count and tags. */
export function ConversationListItem({ conversation, search }: ConversationListItemProps) {
  const { t, tp, formatListTime } = useI18n();
  const name = conversation.contact.name || conversation.contact.phone || t("contact.unnamed");
  const unread = conversation.unread_count;
  return (
    <li>
      <NavLink to={`/inbox/${conversation.id}${search}`} className={`conversation-item ${unread > 0 ? "is-unread" : ""}`} data-conversation-id={conversation.id}>
        <span className="avatar" aria-hidden="true">
          {initials(conversation.contact.name)}
        </span>
        <span className="conversation-main">
          <span className="conversation-top">
            <span className="conversation-name">{name}</span>
            {conversation.last_message_at && (
              <time className="conversation-time" dateTime={conversation.last_message_at}>
                {formatListTime(conversation.last_message_at)}
              </time>
            )}
          </span>
          <span className="conversation-bottom">
            <span className="conversation-preview">{conversation.last_message_preview ?? ""}</span>
            {unread > 0 && (
              <span className="badge badge-unread" aria-label={tp("inbox.unreadCount", unread)}>
                {unread}
              </span>
            )}
          </span>
          {(conversation.tags.length > 0 || conversation.status !== "open") && (
            <span className="conversation-tags">
              {conversation.status !== "open" && <span className={`status-pill status-${conversation.status}`}>{t(`status.${conversation.status as "pending" | "resolved"}`)}</span>}
              {conversation.tags.map((tag) => (
                <span key={tag.id} className="tag-mini" style={{ ["--tag-color" as string]: tag.color }}>
                  {tag.name}
                </span>
              ))}
            </span>
          )}
        </span>
      </NavLink>
    </li>
  );
}
