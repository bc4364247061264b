import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/api/queryKeys";
import type { Contact, ContactDetail, Conversation } from "@/api/schemas";
import type { ContactChange } from "@/modules/crm/types/ContactChange";
import type { InfinitePages } from "@/modules/inbox/types/InfinitePages";

/**
 * Show a change of contact `id` everywhere it is cached: its detail, the contact lists and the
 * conversation rows (name, phone, lead status and tags). Returns a function that undoes it.
 */
export function patchContactInCaches(queryClient: QueryClient, id: string, change: ContactChange): () => void {
  const snapshots = [
    ...queryClient.getQueriesData({ queryKey: queryKeys.contact(id) }),
    ...queryClient.getQueriesData({ queryKey: queryKeys.contactLists }),
    ...queryClient.getQueriesData({ queryKey: queryKeys.conversationLists }),
  ];
  queryClient.setQueryData<ContactDetail>(queryKeys.contact(id), (old) => (old ? { ...old, ...change } : old));
  for (const [key, data] of queryClient.getQueriesData<InfinitePages<Contact>>({ queryKey: queryKeys.contactLists })) {
    if (!data?.pages) continue;
    queryClient.setQueryData<InfinitePages<Contact>>(key, {
      ...data,
      pages: data.pages.map((page) => ({ ...page, items: page.items.map((c) => (c.id === id ? { ...c, ...change } : c)) })),
    });
  }
  for (const [key, data] of queryClient.getQueriesData<InfinitePages<Conversation>>({ queryKey: queryKeys.conversationLists })) {
    if (!data?.pages) continue;
    queryClient.setQueryData<InfinitePages<Conversation>>(key, {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.map((c) =>
          c.contact.id !== id
            ? c
            : {
                ...c,
                tags: change.tags ?? c.tags,
                contact: {
                  ...c.contact,
                  ...("name" in change ? { name: change.name ?? null } : {}),
                  ...("phone" in change ? { phone: change.phone ?? null } : {}),
                  ...("stage_key" in change ? { stage_key: change.stage_key ?? null } : {}),
                },
              },
        ),
      })),
    });
  }
  for (const [, data] of queryClient.getQueriesData<Conversation>({ queryKey: ["conversations", "detail"] })) {
    if (data?.contact.id === id) {
      queryClient.setQueryData<Conversation>(queryKeys.conversation(data.id), {
        ...data,
        tags: change.tags ?? data.tags,
        contact: { ...data.contact, ...("stage_key" in change ? { stage_key: change.stage_key ?? null } : {}), ...("name" in change ? { name: change.name ?? null } : {}) },
      });
    }
  }
  return () => snapshots.forEach(([key, data]) => queryClient.setQueryData(key, data));
}
