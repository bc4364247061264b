import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";
import { updateConversationInCaches } from "@/modules/inbox/utils/updateConversationInCaches";

/** Mark a conversation read (the contact gets a read receipt); the badge goes at once. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (conversationId: string) =>
      unwrap(await api.POST("/api/v1/conversations/{conversation_id}/read", { params: { path: { conversation_id: conversationId } } })),
    onMutate: (conversationId) => {
      updateConversationInCaches(queryClient, conversationId, (conversation) => ({ ...conversation, unread_count: 0 }));
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.counters }),
  });
}
