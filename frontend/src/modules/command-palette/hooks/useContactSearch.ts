import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** The first contacts matching `q` (name, phone or e-mail), once it has two characters. */
export function useContactSearch(q: string) {
  return useQuery({
    queryKey: queryKeys.contactSearch(q),
    queryFn: async () => unwrap(await api.GET("/api/v1/contacts", { params: { query: { q, limit: 8 } } })).items,
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}
