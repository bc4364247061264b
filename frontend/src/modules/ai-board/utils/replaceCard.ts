import type { AiBoard } from "@/modules/ai-board/types/AiBoard";
import type { AiBoardCard } from "@/modules/ai-board/types/AiBoardCard";

/** `board` with the card of the same conversation replaced by `next(card)` wherever it is. */
export function replaceCard(board: AiBoard, conversationId: string, next: (card: AiBoardCard) => AiBoardCard): AiBoard {
  return {
    columns: board.columns.map((column) =>
      column.items.some((item) => item.conversation_id === conversationId)
        ? { ...column, items: column.items.map((item) => (item.conversation_id === conversationId ? next(item) : item)) }
        : column,
    ),
  };
}
