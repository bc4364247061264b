import { useQuery } from "@tanstack/react-query";
import { ApiError } from "@/api/ApiError";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";
import { AiBoardPageSize } from "@/modules/ai-board/constants/AiBoardPageSize";

/** The AI board: every column's count and first cards (kept current by realtime events). */
export function useAiBoard() {
  return useQuery({
    queryKey: queryKeys.aiBoard,
    queryFn: async () => unwrap(await api.GET("/api/v1/ai/board", { params: { query: { limit: AiBoardPageSize } } })),
    retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status === 404),
  });
}
