import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import type { TemplateSend } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";

type Variables = { channel_id: string; phone: string; name?: string; template: TemplateSend };

/** Start (or reuse) a conversation with a phone number by sending an approved template. */
export function useStartConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Variables) => unwrap(await api.POST("/api/v1/conversations", { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists }),
  });
}
