import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import type { Conversation } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";
import { useMe } from "@/modules/auth/hooks/useMe";
import { updateConversationInCaches } from "@/modules/inbox/utils/updateConversationInCaches";
import { useNotify } from "@/ui/toast/useNotify";

type Variables = { conversation: Conversation; active: boolean };

/** Switch the AI agent for one conversation (off hands it to a person): shown at once, undone if refused. */
export function useToggleConversationAi() {
  const queryClient = useQueryClient();
  const meId = useMe().data?.user.id;
  const notify = useNotify();
  return useMutation({
    mutationFn: async ({ conversation, active }: Variables) =>
      unwrap(
        await api.POST("/api/v1/conversations/{conversation_id}/ai", {
          params: { path: { conversation_id: conversation.id } },
          body: { active },
        }),
      ),
    onMutate: ({ conversation, active }) => {
      updateConversationInCaches(queryClient, conversation.id, (current) => ({ ...current, ai_active: active }), meId);
    },
    onError: (error, { conversation }) => {
      updateConversationInCaches(queryClient, conversation.id, (current) => ({ ...current, ai_active: conversation.ai_active }), meId);
      notify.error(error);
    },
    onSuccess: (state, { conversation }) => {
      queryClient.setQueryData(queryKeys.aiConversation(conversation.id), state);
      updateConversationInCaches(queryClient, conversation.id, (current) => ({ ...current, ai_active: state.active ?? current.ai_active }), meId);
      void queryClient.invalidateQueries({ queryKey: queryKeys.activities(conversation.contact.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.aiBoard });
    },
  });
}
