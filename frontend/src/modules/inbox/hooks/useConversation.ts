import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import type { Conversation } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";
import type { InfinitePages } from "@/modules/inbox/types/InfinitePages";

/** One conversation; shown at once from a loaded list while its own copy loads. */
export function useConversation(id: string | undefined) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.conversation(id ?? ""),
    queryFn: async () => unwrap(await api.GET("/api/v1/conversations/{conversation_id}", { params: { path: { conversation_id: id ?? "" } } })),
    enabled: Boolean(id),
    placeholderData: () => {
      for (const [, data] of queryClient.getQueriesData<InfinitePages<Conversation>>({ queryKey: queryKeys.conversationLists })) {
        const found = data?.pages.flatMap((page) => page.items).find((conversation) => conversation.id === id);
        if (found) return found;
      }
      return undefined;
    },
  });
}
