import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { fetchAll } from "@/api/fetchAll";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** Every member of the team, oldest first (inactive ones included). */
export function useTeam() {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: () => fetchAll(async (cursor) => unwrap(await api.GET("/api/v1/users", { params: { query: { limit: 100, cursor } } }))),
    staleTime: 5 * 60_000,
  });
}
