import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";
import { AiBoardPageSize } from "@/modules/ai-board/constants/AiBoardPageSize";
import type { AiBoard } from "@/modules/ai-board/types/AiBoard";
import type { AiBoardStatus } from "@/modules/ai-board/types/AiBoardStatus";
import { appendColumnPage } from "@/modules/ai-board/utils/appendColumnPage";
import { useNotify } from "@/ui/toast/useNotify";

/** The next page of one column, appended to the board. */
export function useLoadMoreCards() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: async ({ status, cursor }: { status: AiBoardStatus; cursor: string }) =>
      unwrap(await api.GET("/api/v1/ai/board", { params: { query: { status, cursor, limit: AiBoardPageSize } } })),
    onSuccess: (page) => {
      const [column] = page.columns;
      if (column) queryClient.setQueryData<AiBoard>(queryKeys.aiBoard, (board) => (board ? appendColumnPage(board, column) : board));
    },
    onError: (error) => notify.error(error),
  });
}
