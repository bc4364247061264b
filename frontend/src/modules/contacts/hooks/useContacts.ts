import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";
import type { ContactFilters } from "@/modules/contacts/types/ContactFilters";

/** Contacts matching `filters`, newest first, a page at a time. */
export function useContacts(filters: ContactFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.contactList(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET("/api/v1/contacts", { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}
