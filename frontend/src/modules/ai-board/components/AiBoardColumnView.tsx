import { useDroppable } from "@dnd-kit/core";
import { useId } from "react";
import { useI18n } from "@/i18n/hooks/useI18n";
import { AiBoardCardItem } from "@/modules/ai-board/components/AiBoardCardItem";
import type { AiBoardCard } from "@/modules/ai-board/types/AiBoardCard";
import type { AiBoardColumn } from "@/modules/ai-board/types/AiBoardColumn";
import type { AiBoardStatus } from "@/modules/ai-board/types/AiBoardStatus";
import { Button } from "@/ui/Button";

export type AiBoardColumnViewProps = {
  column: AiBoardColumn & { status: AiBoardStatus };
  memberName: (id: string | null) => string | null;
  onMove: (card: AiBoardCard, status: AiBoardStatus) => void;
  onLoadMore: (status: AiBoardStatus, cursor: string) => void;
  loadingMore: boolean;
};

/** A column of the board: its name and count, its cards, and "load more"; a drop target. */
export function AiBoardColumnView({ column, memberName, onMove, onLoadMore, loadingMore }: AiBoardColumnViewProps) {
  const { t, tp, formatNumber } = useI18n();
  const { setNodeRef, isOver } = useDroppable({ id: column.status });
  const headingId = useId();
  return (
    <section
      ref={setNodeRef}
      className={`ai-column${isOver ? " ai-column-over" : ""}`}
      aria-labelledby={headingId}
      data-status={column.status}
    >
      <header className="ai-column-header">
        <h2 id={headingId}>{t(`aiBoard.column.${column.status}`)}</h2>
        <span className="badge" aria-label={tp("aiBoard.count", column.count)}>
          {formatNumber(column.count)}
        </span>
      </header>
      {column.items.length === 0 ? (
        <p className="muted small ai-column-empty">{t("aiBoard.emptyColumn")}</p>
      ) : (
        <ul className="ai-column-cards" aria-labelledby={headingId}>
          {column.items.map((card) => (
            <li key={card.conversation_id}>
              <AiBoardCardItem card={card} memberName={memberName} onMove={onMove} />
            </li>
          ))}
        </ul>
      )}
      {column.next_cursor && (
        <Button size="sm" variant="ghost" busy={loadingMore} onClick={() => onLoadMore(column.status, column.next_cursor ?? "")}>
          {t("aiBoard.loadMore")}
        </Button>
      )}
    </section>
  );
}
