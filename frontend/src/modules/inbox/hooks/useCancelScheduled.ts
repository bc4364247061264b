import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import type { Message } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";
import { patchMessageInCache } from "@/modules/inbox/utils/patchMessageInCache";
import { useNotify } from "@/ui/toast/useNotify";

/** Cancel a scheduled message that has not left yet. */
export function useCancelScheduled() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: async (message: Message) =>
      unwrap(
        await api.DELETE("/api/v1/conversations/{conversation_id}/messages/{message_id}", {
          params: { path: { conversation_id: message.conversation_id, message_id: message.id } },
        }),
      ),
    onSuccess: (_data, message) => patchMessageInCache(queryClient, message.conversation_id, message.id, null),
    onError: notify.error,
  });
}
