import type { AiBoard } from "@/modules/ai-board/types/AiBoard";
import type { AiBoardColumn } from "@/modules/ai-board/types/AiBoardColumn";

/** `board` with the next page of one column appended (cards already shown, moved meanwhile, are not repeated). */
export function appendColumnPage(board: AiBoard, page: AiBoardColumn): AiBoard {
  return {
    columns: board.columns.map((column) => {
      if (column.status !== page.status) return column;
      const shown = new Set(column.items.map((card) => card.conversation_id));
      return {
        ...column,
        count: page.count,
        items: [...column.items, ...page.items.filter((card) => !shown.has(card.conversation_id))],
        next_cursor: page.next_cursor,
      };
    }),
  };
}
