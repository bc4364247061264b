import { DndContext, type DragEndEvent, DragOverlay, type DragStartEvent, PointerSensor, useSensor, useSensors } from "@dnd-kit/core";
import { useCallback, useState } from "react";
import { useI18n } from "@/i18n/hooks/useI18n";
import { AiBoardCardItem } from "@/modules/ai-board/components/AiBoardCardItem";
import { AiBoardColumnView } from "@/modules/ai-board/components/AiBoardColumnView";
import { useLoadMoreCards } from "@/modules/ai-board/hooks/useLoadMoreCards";
import { useMoveCard } from "@/modules/ai-board/hooks/useMoveCard";
import type { AiBoard } from "@/modules/ai-board/types/AiBoard";
import type { AiBoardCard } from "@/modules/ai-board/types/AiBoardCard";
import type { AiBoardStatus } from "@/modules/ai-board/types/AiBoardStatus";
import { boardColumns } from "@/modules/ai-board/utils/boardColumns";
import { isAiBoardStatus } from "@/modules/ai-board/utils/isAiBoardStatus";
import { useTeam } from "@/modules/workspace/hooks/useTeam";

export type AiBoardViewProps = { board: AiBoard };

/** The columns side by side; cards are dragged between them (pointer) or moved with their "Move to" menu. */
export function AiBoardView({ board }: AiBoardViewProps) {
  const { t } = useI18n();
  const team = useTeam();
  const move = useMoveCard();
  const loadMore = useLoadMoreCards();
  const [dragged, setDragged] = useState<AiBoardCard | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // A click (under 6 px of movement) opens the conversation; more starts a drag.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  const memberName = useCallback((id: string | null) => (id ? (team.data?.find((member) => member.id === id)?.name ?? null) : null), [team.data]);
  const onMove = (card: AiBoardCard, status: AiBoardStatus) => {
    if (card.status === status) return;
    move.mutate({ card, status });
    setAnnouncement(t("aiBoard.moved", { name: card.contact.name || card.contact.phone || "", column: t(`aiBoard.column.${status}`) }));
  };
  const onDragStart = (event: DragStartEvent) => setDragged((event.active.data.current?.card as AiBoardCard | undefined) ?? null);
  const onDragEnd = (event: DragEndEvent) => {
    setDragged(null);
    const card = event.active.data.current?.card as AiBoardCard | undefined;
    const target = event.over?.id;
    if (card && isAiBoardStatus(target)) onMove(card, target);
  };

  return (
    <DndContext
      sensors={sensors}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragged(null)}
      accessibility={{
        screenReaderInstructions: { draggable: t("aiBoard.dragHint") },
        announcements: {
          onDragStart: () => t("aiBoard.dragStarted"),
          onDragOver: ({ over }) => (isAiBoardStatus(over?.id) ? t(`aiBoard.column.${over.id}`) : ""),
          onDragEnd: () => "",
          onDragCancel: () => t("aiBoard.dragCancelled"),
        },
      }}
    >
      <div className="ai-board">
        {boardColumns(board).map((column) =>
          isAiBoardStatus(column.status) ? (
            <AiBoardColumnView
              key={column.status}
              column={{ ...column, status: column.status }}
              memberName={memberName}
              onMove={onMove}
              onLoadMore={(status, cursor) => loadMore.mutate({ status, cursor })}
              loadingMore={loadMore.isPending && loadMore.variables?.status === column.status}
            />
          ) : null,
        )}
      </div>
      <DragOverlay>{dragged && <AiBoardCardItem card={dragged} memberName={memberName} onMove={onMove} overlay />}</DragOverlay>
      <p className="sr-only" role="status">
        {announcement}
      </p>
    </DndContext>
  );
}
