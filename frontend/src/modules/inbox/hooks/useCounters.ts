import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** Inbox counters (mine, unassigned, unread, per status); refreshed when realtime events say so. */
export function useCounters() {
  return useQuery({
    queryKey: queryKeys.counters,
    queryFn: async () => unwrap(await api.GET("/api/v1/conversations/counters")),
  });
}
