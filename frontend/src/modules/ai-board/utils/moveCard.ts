import type { AiBoard } from "@/modules/ai-board/types/AiBoard";
import type { AiBoardCard } from "@/modules/ai-board/types/AiBoardCard";
import type { AiBoardStatus } from "@/modules/ai-board/types/AiBoardStatus";
import { boardColumns } from "@/modules/ai-board/utils/boardColumns";

/**
 * `board` with `card` in column `status`, at the top (the server orders a column by when cards entered it):
 * taken out of the column it was in, counts adjusted (every column present, in order). The same board when it
 * is already there.
 */
export function moveCard(board: AiBoard, card: AiBoardCard, status: AiBoardStatus): AiBoard {
  const from = board.columns.find((column) => column.items.some((item) => item.conversation_id === card.conversation_id));
  if (from?.status === status) return board;
  const moved = { ...card, status, status_changed_at: new Date().toISOString() };
  return {
    columns: boardColumns(board).map((column) => {
      if (column.status === from?.status) {
        return {
          ...column,
          count: Math.max(0, column.count - 1),
          items: column.items.filter((item) => item.conversation_id !== card.conversation_id),
        };
      }
      if (column.status === status) return { ...column, count: column.count + 1, items: [moved, ...column.items] };
      return column;
    }),
  };
}
