import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/api/queryKeys";
import type { AiBoard } from "@/modules/ai-board/types/AiBoard";
import { findCard } from "@/modules/ai-board/utils/findCard";
import { replaceCard } from "@/modules/ai-board/utils/replaceCard";
import type { EventConversation } from "@/modules/realtime/types/DomainEvent";

/** A conversation's new list fields (last message, assignee, AI flag) on its board card, if the board shows it. */
export function patchBoardConversation(queryClient: QueryClient, fields: EventConversation): void {
  const board = queryClient.getQueryData<AiBoard>(queryKeys.aiBoard);
  if (!board || !findCard(board, fields.id)) return;
  queryClient.setQueryData<AiBoard>(
    queryKeys.aiBoard,
    replaceCard(board, fields.id, (card) => ({
      ...card,
      assignee_id: fields.assignee_id,
      ai_active: fields.ai_active,
      last_message_at: fields.last_message_at ?? card.last_message_at,
      last_message_preview: fields.last_message_preview,
    })),
  );
}
