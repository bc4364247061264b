import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** One knowledge-base document with its full text and all its chunks (`id` null: none). */
export function useAiDocument(id: string | null) {
  return useQuery({
    queryKey: queryKeys.aiDocument(id ?? ""),
    queryFn: async () => unwrap(await api.GET("/api/v1/ai/knowledge/{document_id}", { params: { path: { document_id: id ?? "" } } })),
    enabled: Boolean(id),
  });
}
