import { useMutation } from "@tanstack/react-query";
import { api } from "@/api/client";
import type { AiTestChat } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";

/** The agent's next reply to a simulated lead (nothing is sent to any channel). */
export function useAiTestChat() {
  return useMutation({ mutationFn: async (body: AiTestChat) => unwrap(await api.POST("/api/v1/ai/test-chat", { body })) });
}
