import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { fetchAll } from "@/api/fetchAll";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** Every tag of the company, by name. */
export function useTags() {
  return useQuery({
    queryKey: queryKeys.tags,
    queryFn: async () => {
      const tags = await fetchAll(async (cursor) => unwrap(await api.GET("/api/v1/tags", { params: { query: { limit: 100, cursor } } })));
      return tags.sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 5 * 60_000,
  });
}
