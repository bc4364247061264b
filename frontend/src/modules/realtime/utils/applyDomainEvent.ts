import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/api/queryKeys";
import type { ContactDetail, Conversation, Message } from "@/api/schemas";
import { applyAiAgentEvent } from "@/modules/ai-board/utils/applyAiAgentEvent";
import { patchBoardConversation } from "@/modules/ai-board/utils/patchBoardConversation";
import type { InfinitePages } from "@/modules/inbox/types/InfinitePages";
import { advanceStatus } from "@/modules/inbox/utils/advanceStatus";
import { patchMessageInCache } from "@/modules/inbox/utils/patchMessageInCache";
import { toApiMessage } from "@/modules/inbox/utils/toApiMessage";
import { updateConversationInCaches } from "@/modules/inbox/utils/updateConversationInCaches";
import { upsertMessageInCache } from "@/modules/inbox/utils/upsertMessageInCache";
import type { DomainEvent, EventConversation } from "@/modules/realtime/types/DomainEvent";

const mergeConversation = (fields: EventConversation) => (conversation: Conversation): Conversation => ({
  ...conversation,
  status: fields.status,
  assignee_id: fields.assignee_id,
  unread_count: fields.unread_count,
  last_message_at: fields.last_message_at ?? conversation.last_message_at,
  last_message_preview: fields.last_message_preview,
  ai_active: fields.ai_active,
});

function conversationChanged(queryClient: QueryClient, fields: EventConversation, meId: string | undefined, fresh: boolean) {
  const missing = updateConversationInCaches(queryClient, fields.id, mergeConversation(fields), meId);
  patchBoardConversation(queryClient, fields);
  // A conversation a list does not hold yet (new, or on a later page): that list reloads.
  if (fresh) missing.forEach((key) => void queryClient.invalidateQueries({ queryKey: key, exact: true }));
  void queryClient.invalidateQueries({ queryKey: queryKeys.counters });
  void queryClient.invalidateQueries({ queryKey: queryKeys.activities(fields.contact_id) });
}

function findMessage(queryClient: QueryClient, conversationId: string, id: string): Message | undefined {
  const data = queryClient.getQueryData<InfinitePages<Message>>(queryKeys.messages(conversationId));
  return data?.pages.flatMap((page) => page.items).find((message) => message.id === id);
}

/**
 * Bring the query cache up to date with one realtime event: what is on screen changes in place,
 * and only what cannot be patched (a conversation a list does not hold yet) is fetched again.
 */
export function applyDomainEvent(queryClient: QueryClient, event: DomainEvent, meId?: string): void {
  switch (event.kind) {
    case "message.received":
    case "message.created": {
      const { message, conversation } = event.data;
      upsertMessageInCache(queryClient, toApiMessage(message, findMessage(queryClient, message.conversation_id, message.id)));
      conversationChanged(queryClient, conversation, meId, true);
      // The window fields (window_open, last_inbound_at) are the server's to compute.
      if (event.kind === "message.received") void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversation.id) });
      return;
    }
    case "message.sent": {
      const { message } = event.data;
      const known = findMessage(queryClient, message.conversation_id, message.id);
      if (known) upsertMessageInCache(queryClient, toApiMessage(message, known));
      return;
    }
    case "message.status": {
      const { conversation_id, message_id, status, error } = event.data;
      patchMessageInCache(queryClient, conversation_id, message_id, (message) => {
        const next = advanceStatus(message.status, status);
        return { ...message, status: next, error: next === "failed" ? error : message.error };
      });
      return;
    }
    case "message.deleted":
      patchMessageInCache(queryClient, event.data.conversation_id, event.data.message_id, null);
      return;
    case "conversation.updated":
      conversationChanged(queryClient, event.data.conversation, meId, false);
      return;
    case "contact.updated": {
      const contact = event.data;
      queryClient.setQueryData<ContactDetail>(queryKeys.contact(contact.id), (old) => (old ? { ...old, ...contact } : old));
      for (const [key, data] of queryClient.getQueriesData<InfinitePages<Conversation>>({ queryKey: queryKeys.conversationLists })) {
        if (!data?.pages.some((page) => page.items.some((c) => c.contact.id === contact.id))) continue;
        queryClient.setQueryData<InfinitePages<Conversation>>(key, {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((c) =>
              c.contact.id === contact.id
                ? { ...c, contact: { ...c.contact, name: contact.name ?? null, phone: contact.phone ?? null, stage_key: contact.stage_key ?? null } }
                : c,
            ),
          })),
        });
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.contactLists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.activities(contact.id) });
      return;
    }
    case "contact.created":
      void queryClient.invalidateQueries({ queryKey: queryKeys.contactLists });
      return;
    case "ai.status_changed":
    case "conversation.handoff":
      applyAiAgentEvent(queryClient, event.data.conversation_id);
      void queryClient.invalidateQueries({ queryKey: queryKeys.activities(event.data.contact_id) });
      return;
    case "contact.merged":
    case "contact.erased":
      queryClient.removeQueries({ queryKey: queryKeys.contact(event.kind === "contact.merged" ? event.data.merged_id : event.data.id) });
      void queryClient.invalidateQueries({ queryKey: ["contacts"] });
      void queryClient.invalidateQueries({ queryKey: ["conversations"] });
      return;
  }
}
