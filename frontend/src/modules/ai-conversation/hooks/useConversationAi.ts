import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";
import type { AiConversationState } from "@/modules/ai-conversation/types/AiConversationState";

/** The agent's state of a conversation (only asked when the plugin is enabled). */
export function useConversationAi(conversationId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.aiConversation(conversationId),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/conversations/{conversation_id}/ai", { params: { path: { conversation_id: conversationId } } })) as AiConversationState,
    enabled,
  });
}
