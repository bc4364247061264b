import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/api/queryKeys";
import type { Message } from "@/api/schemas";
import { LOCAL_ID_PREFIX } from "@/modules/inbox/constants/LocalIds";
import type { InfinitePages } from "@/modules/inbox/types/InfinitePages";
import { advanceStatus } from "@/modules/inbox/utils/advanceStatus";

const isPlaceholderOf = (item: Message, message: Message) =>
  item.id.startsWith(LOCAL_ID_PREFIX) && item.type === message.type && item.text === message.text && message.direction === "outbound";

/**
 * Put `message` in its conversation's loaded history: replace the copy with its id (the status
 * never moves back) or add it as the newest. `replaces` drops an optimistic placeholder; a sent
 * message that arrives (realtime) before its own answer takes its placeholder's place.
 */
export function upsertMessageInCache(queryClient: QueryClient, message: Message, replaces?: string): void {
  queryClient.setQueryData<InfinitePages<Message>>(queryKeys.messages(message.conversation_id), (data) => {
    if (!data) return data;
    const known = data.pages.some((page) => page.items.some((item) => item.id === message.id));
    const placeholder = known ? undefined : data.pages.flatMap((page) => page.items).find((item) => isPlaceholderOf(item, message));
    if (placeholder) replaces = placeholder.id;
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
