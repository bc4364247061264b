import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { fetchAll } from "@/api/fetchAll";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** The pipeline's stages (lead statuses), in board order. */
export function useStages() {
  return useQuery({
    queryKey: queryKeys.stages,
    queryFn: () =>
      fetchAll(async (cursor) => unwrap(await api.GET("/api/v1/pipeline/stages", { params: { query: { limit: 100, cursor } } }))),
    staleTime: 5 * 60_000,
  });
}
