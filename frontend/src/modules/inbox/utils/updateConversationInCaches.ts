import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/api/queryKeys";
import type { Conversation } from "@/api/schemas";
import type { ConversationFilters } from "@/modules/inbox/types/ConversationFilters";
import type { InfinitePages } from "@/modules/inbox/types/InfinitePages";
import { conversationOrder } from "@/modules/inbox/utils/conversationOrder";
import { mayMatchFilters } from "@/modules/inbox/utils/mayMatchFilters";
import { placeInPages } from "@/modules/inbox/utils/placeInPages";

/**
 * Apply `update` to conversation `id` wherever it is cached: its detail and every loaded list,
 * where it moves to its place in the order, or leaves a list whose filters it no longer matches.
 * Returns the ids of the lists (query keys) that did not hold it.
 */
export function updateConversationInCaches(
  queryClient: QueryClient,
  id: string,
  update: (conversation: Conversation) => Conversation,
  meId?: string,
): readonly unknown[][] {
  queryClient.setQueryData<Conversation>(queryKeys.conversation(id), (old) => (old ? update(old) : old));
  const missing: unknown[][] = [];
  for (const [key, data] of queryClient.getQueriesData<InfinitePages<Conversation>>({ queryKey: queryKeys.conversationLists })) {
    if (!data) continue;
    const current = data.pages.flatMap((page) => page.items).find((conversation) => conversation.id === id);
    if (!current) {
      missing.push([...key]);
      continue;
    }
    const updated = update(current);
    const filters = (key[2] ?? {}) as ConversationFilters;
    const without = data.pages.map((page) => ({ ...page, items: page.items.filter((conversation) => conversation.id !== id) }));
    const pages = mayMatchFilters(updated, filters, meId) ? placeInPages(without, updated, conversationOrder) : without;
    queryClient.setQueryData<InfinitePages<Conversation>>(key, { ...data, pages });
  }
  return missing;
}
