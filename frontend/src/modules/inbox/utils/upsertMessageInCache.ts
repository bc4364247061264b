import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/api/queryKeys";
import type { Message } from "@/api/schemas";
import type { InfinitePages } from "@/modules/inbox/types/InfinitePages";
import { advanceStatus } from "@/modules/inbox/utils/advanceStatus";

/**
 * Put `message` in its conversation's loaded history: replace the copy with its id (the status
 * never moves back) or add it as the newest. `replaces` drops an optimistic placeholder.
 */
export function upsertMessageInCache(queryClient: QueryClient, message: Message, replaces?: string): void {
  queryClient.setQueryData<InfinitePages<Message>>(queryKeys.messages(message.conversation_id), (data) => {
    if (!data) return data;
    let found = false;
    const pages = data.pages.map((page) => ({
      ...page,
      items: page.items.flatMap((item) => {
        if (replaces && item.id === replaces) return [];
        if (item.id !== message.id) return [item];
        found = true;
        return [{ ...item, ...message, status: advanceStatus(item.status, message.status) }];
      }),
    }));
    if (!found && pages.length > 0) pages[0] = { ...pages[0], items: [message, ...pages[0].items] };
    return { ...data, pages };
  });
}
