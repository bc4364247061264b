import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

const POLL_WHILE_EMBEDDING_MS = 5_000;

/**
 * The knowledge base, newest first, 50 documents a page. While a document waits for its
 * embeddings (a worker's job, which sends no realtime event) the list is fetched again every 5 s.
 */
export function useAiKnowledge() {
  return useInfiniteQuery({
    queryKey: queryKeys.aiKnowledge,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET("/api/v1/ai/knowledge", { params: { query: { limit: 50, cursor: pageParam } } })),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((item) => item.embedding_status === "pending")) ? POLL_WHILE_EMBEDDING_MS : false,
  });
}
