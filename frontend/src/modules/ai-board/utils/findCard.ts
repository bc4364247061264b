import type { AiBoard } from "@/modules/ai-board/types/AiBoard";
import type { AiBoardCard } from "@/modules/ai-board/types/AiBoardCard";

/** The card of `conversationId` on the board, if loaded. */
export function findCard(board: AiBoard | undefined, conversationId: string): AiBoardCard | undefined {
  for (const column of board?.columns ?? []) {
    const card = column.items.find((item) => item.conversation_id === conversationId);
    if (card) return card;
  }
  return undefined;
}
