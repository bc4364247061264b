import type { Message } from "@/api/schemas";
import type { EventMessage } from "@/modules/realtime/types/DomainEvent";

/** A message from a domain event in the API's shape (the event names `reply_to` differently). */
export const toApiMessage = (message: EventMessage, known?: Message): Message => ({
  sent_at: null,
  delivered_at: null,
  read_at: null,
  ...known,
  id: message.id,
  conversation_id: message.conversation_id,
  direction: message.direction,
  type: message.type,
  text: message.text,
  content: message.content ?? {},
  status: message.status,
  error: message.error,
  provider_message_id: message.provider_message_id,
  reply_to: message.reply_to_provider_id,
  author_type: message.author_type,
  author_id: message.author_id,
  created_at: message.created_at ?? known?.created_at ?? new Date().toISOString(),
  scheduled_at: message.scheduled_at ?? known?.scheduled_at ?? null,
});
