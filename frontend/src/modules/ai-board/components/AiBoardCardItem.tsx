import { useDraggable } from "@dnd-kit/core";
import { Bot, CalendarCheck, UserRound } from "lucide-react";
import { Link } from "react-router";
import { useI18n } from "@/i18n/hooks/useI18n";
import { MoveToMenu } from "@/modules/ai-board/components/MoveToMenu";
import type { AiBoardCard } from "@/modules/ai-board/types/AiBoardCard";
import type { AiBoardStatus } from "@/modules/ai-board/types/AiBoardStatus";

export type AiBoardCardItemProps = {
  card: AiBoardCard;
  memberName: (id: string | null) => string | null;
  onMove: (card: AiBoardCard, status: AiBoardStatus) => void;
  /** A copy shown under the pointer while dragging (not draggable itself, no menu). */
  overlay?: boolean;
};

/** One conversation on the board: who, where, the last message, qualification progress, booking, assignee. */
export function AiBoardCardItem({ card, memberName, onMove, overlay = false }: AiBoardCardItemProps) {
  const { t, formatDate, formatListTime } = useI18n();
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: card.conversation_id, data: { card }, disabled: overlay });
  const name = card.contact.name || card.contact.phone || t("contact.unnamed");
  const assignee = memberName(card.assignee_id);
  const start = typeof card.booking?.start === "string" ? card.booking.start : null;
  const consultant = card.booking?.consultant;
  const consultantName = typeof consultant === "string" ? consultant : typeof consultant === "object" && consultant && "name" in consultant ? String(consultant.name) : null;
  const { answered, total } = card.progress;

  return (
    <article
      ref={overlay ? undefined : setNodeRef}
      className={`ai-card${isDragging ? " ai-card-dragging" : ""}${overlay ? " ai-card-overlay" : ""}`}
      data-conversation-id={card.conversation_id}
      aria-label={name}
      {...(overlay ? {} : listeners)}
    >
      <header className="ai-card-header">
        <Link to={`/inbox/${card.conversation_id}`} className="ai-card-name" draggable={false}>
          {name}
        </Link>
        {card.ai_active && (
          <span className="badge ai-card-ai" title={t("aiBoard.aiActive")}>
            <Bot size={12} aria-hidden="true" /> {t("aiBoard.aiActiveShort")}
          </span>
        )}
      </header>
      <p className="muted small">
        {[card.contact.phone, card.channel.name].filter(Boolean).join(" · ")}
      </p>
      {card.last_message_preview && (
        <p className="ai-card-preview">
          <span>{card.last_message_preview}</span>
          {card.last_message_at && <time dateTime={card.last_message_at}> · {formatListTime(card.last_message_at)}</time>}
        </p>
      )}
      {total > 0 && (
        <div className="ai-card-progress">
          <progress max={total} value={answered} aria-label={t("aiBoard.progress", { answered, total })} />
          <span className="small muted">{t("aiBoard.progress", { answered, total })}</span>
        </div>
      )}
      {start && (
        <p className="small ai-card-booking">
          <CalendarCheck size={14} aria-hidden="true" /> {formatDate(start, "dateTime")}
          {consultantName ? ` · ${consultantName}` : ""}
        </p>
      )}
      <footer className="ai-card-footer">
        <span className="small muted">
          <UserRound size={12} aria-hidden="true" /> {assignee ?? t("conversation.unassigned")}
        </span>
        {!overlay && <MoveToMenu current={card.status} cardName={name} onMove={(status) => onMove(card, status)} />}
      </footer>
    </article>
  );
}
