import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/api/ApiError";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import type { Message, MessageCreate } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";
import { useI18n } from "@/i18n/hooks/useI18n";
import { LOCAL_ID_PREFIX } from "@/modules/inbox/constants/LocalIds";
import { patchMessageInCache } from "@/modules/inbox/utils/patchMessageInCache";
import { upsertMessageInCache } from "@/modules/inbox/utils/upsertMessageInCache";
import { useNotify } from "@/ui/toast/useNotify";

let sequence = 0;

const placeholderFor = (conversationId: string, body: MessageCreate): Message => ({
  id: `${LOCAL_ID_PREFIX}${Date.now()}-${(sequence += 1)}`,
  conversation_id: conversationId,
  direction: "outbound",
  type: body.type,
  text: body.text ?? null,
  content:
    body.type === "template"
      ? { name: body.template?.name, language: body.template?.language, variables: body.template?.parameters ?? {} }
      : { ...body.content },
  status: body.scheduled_at ? "scheduled" : "queued",
  error: null,
  provider_message_id: null,
  reply_to: null,
  author_type: "agent",
  author_id: null,
  created_at: new Date().toISOString(),
  scheduled_at: body.scheduled_at ?? null,
  sent_at: null,
  delivered_at: null,
  read_at: null,
});

/**
 * Send a message: it shows in the chat at once (a clock), then takes the server's copy; refused,
 * it leaves with a toast. A closed 24-hour window refreshes the conversation so the composer
 * offers templates.
 */
export function useSendMessage(conversationId: string) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { t } = useI18n();
  return useMutation({
    mutationFn: async (body: MessageCreate) =>
      unwrap(
        await api.POST("/api/v1/conversations/{conversation_id}/messages", {
          params: { path: { conversation_id: conversationId } },
          body,
        }),
      ),
    onMutate: (body) => {
      const placeholder = placeholderFor(conversationId, body);
      upsertMessageInCache(queryClient, placeholder);
      return { placeholder };
    },
    onSuccess: (message, _body, context) => upsertMessageInCache(queryClient, message, context?.placeholder.id),
    onError: (error, _body, context) => {
      if (context) patchMessageInCache(queryClient, conversationId, context.placeholder.id, null);
      if (error instanceof ApiError && error.code === "window_closed") {
        notify.error(new ApiError(422, { detail: t("composer.windowClosedToast"), code: "window_closed" }));
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
      } else {
        notify.error(error);
      }
    },
  });
}
