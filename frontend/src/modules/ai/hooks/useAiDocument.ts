import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** One knowledge-base document with its full text and all its chunks (`id` null: none); fetched again every 5 s while it waits for its embeddings. */
export function useAiDocument(id: string | null) {
  return useQuery({
    queryKey: queryKeys.aiDocument(id ?? ""),
    queryFn: async () => unwrap(await api.GET("/api/v1/ai/knowledge/{document_id}", { params: { path: { document_id: id ?? "" } } })),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data?.embedding_status === "pending" ? 5_000 : false),
  });
}
