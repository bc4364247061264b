import { infiniteQueryOptions } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";
import type { ConversationFilters } from "@/modules/inbox/types/ConversationFilters";

/** The conversation list query for `filters` (shared by the hook and the startup prefetch). */
export const conversationsQuery = (filters: ConversationFilters) =>
  infiniteQueryOptions({
    queryKey: queryKeys.conversationList(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET("/api/v1/conversations", { params: { query: { ...filters, limit: 30, cursor: pageParam } } })),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
