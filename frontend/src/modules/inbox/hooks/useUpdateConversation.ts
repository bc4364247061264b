import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import type { Conversation, ConversationPatch } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";
import { useMe } from "@/modules/auth/hooks/useMe";
import { updateConversationInCaches } from "@/modules/inbox/utils/updateConversationInCaches";
import { useNotify } from "@/ui/toast/useNotify";

type Variables = { conversation: Conversation; patch: ConversationPatch };

/** Change a conversation's status, assignee or AI flag: shown at once, undone if refused. */
export function useUpdateConversation() {
  const queryClient = useQueryClient();
  const meId = useMe().data?.user.id;
  const notify = useNotify();
  return useMutation({
    mutationFn: async ({ conversation, patch }: Variables) =>
      unwrap(
        await api.PATCH("/api/v1/conversations/{conversation_id}", {
          params: { path: { conversation_id: conversation.id } },
          body: patch,
        }),
      ),
    onMutate: ({ conversation, patch }) => {
      updateConversationInCaches(queryClient, conversation.id, (current) => ({ ...current, ...patch }) as Conversation, meId);
      return { previous: conversation };
    },
    onError: (error, { conversation }) => {
      updateConversationInCaches(queryClient, conversation.id, () => conversation, meId);
      notify.error(error);
    },
    onSuccess: (saved) => {
      updateConversationInCaches(queryClient, saved.id, (current) => ({ ...current, ...saved }), meId);
      void queryClient.invalidateQueries({ queryKey: queryKeys.counters });
      void queryClient.invalidateQueries({ queryKey: queryKeys.activities(saved.contact.id) });
    },
  });
}
