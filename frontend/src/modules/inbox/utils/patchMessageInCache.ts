import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/api/queryKeys";
import type { Message } from "@/api/schemas";
import type { InfinitePages } from "@/modules/inbox/types/InfinitePages";

/** Change message `id` of a conversation's loaded history; `patch` null removes it. */
export function patchMessageInCache(
  queryClient: QueryClient,
  conversationId: string,
  id: string,
  patch: ((message: Message) => Message) | null,
): void {
  queryClient.setQueryData<InfinitePages<Message>>(queryKeys.messages(conversationId), (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.flatMap((item) => (item.id !== id ? [item] : patch ? [patch(item)] : [])),
          })),
        }
      : data,
  );
}
