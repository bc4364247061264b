import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** A contact's timeline, newest first (realtime events and our own changes refresh it). */
export function useActivities(contactId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.activities(contactId),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/v1/contacts/{contact_id}/activities", {
          params: { path: { contact_id: contactId }, query: { limit: 20, cursor: pageParam } },
        }),
      ),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}
