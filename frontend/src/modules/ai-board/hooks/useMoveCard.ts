import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";
import type { AiBoard } from "@/modules/ai-board/types/AiBoard";
import type { AiBoardCard } from "@/modules/ai-board/types/AiBoardCard";
import type { AiBoardStatus } from "@/modules/ai-board/types/AiBoardStatus";
import { moveCard } from "@/modules/ai-board/utils/moveCard";
import { replaceCard } from "@/modules/ai-board/utils/replaceCard";
import { useNotify } from "@/ui/toast/useNotify";

type Variables = { card: AiBoardCard; status: AiBoardStatus };

/** Move a card to a column: shown at once, put back (with a toast) if the server refuses. */
export function useMoveCard() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: async ({ card, status }: Variables) =>
      unwrap(
        await api.POST("/api/v1/ai/board/{conversation_id}/move", {
          params: { path: { conversation_id: card.conversation_id } },
          body: { status },
        }),
      ),
    onMutate: async ({ card, status }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.aiBoard });
      const previous = queryClient.getQueryData<AiBoard>(queryKeys.aiBoard);
      if (previous) queryClient.setQueryData<AiBoard>(queryKeys.aiBoard, moveCard(previous, card, status));
      return { previous };
    },
    onError: (error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(queryKeys.aiBoard, context.previous);
      notify.error(error);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData<AiBoard>(queryKeys.aiBoard, (board) =>
        board ? replaceCard(board, saved.conversation_id, (card) => ({ ...card, ...saved }) as AiBoardCard) : board,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.aiConversation(saved.conversation_id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.activities(saved.contact.id ?? "") });
    },
  });
}
