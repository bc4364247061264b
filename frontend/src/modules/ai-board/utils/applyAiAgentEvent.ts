import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/api/queryKeys";

/**
 * `ai.status_changed` (a conversation changed column, by the agent or a person) and `conversation.handoff`:
 * the board and that conversation's agent state (toggle, handoff summary) are fetched again.
 */
export function applyAiAgentEvent(queryClient: QueryClient, conversationId: string): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.aiBoard });
  void queryClient.invalidateQueries({ queryKey: queryKeys.aiConversation(conversationId) });
}
