/** A message as domain events carry it (`message_payload` on the server). */
export type EventMessage = {
  id: string;
  conversation_id: string;
  channel_id: string;
  direction: string;
  type: string;
  text: string | null;
  content: Record<string, unknown>;
  status: string;
  error: Record<string, unknown> | null;
  provider_message_id: string | null;
  reply_to_provider_id: string | null;
  author_type: string;
  author_id: string | null;
  created_at: string | null;
  scheduled_at?: string | null;
};

/** A conversation's list fields as domain events carry them (`conversation_payload`). */
export type EventConversation = {
  id: string;
  contact_id: string;
  channel_id: string;
  status: string;
  assignee_id: string | null;
  unread_count: number;
  last_message_at: string | null;
  last_message_preview: string | null;
  ai_active: boolean;
};

/** A contact's main fields as `contact.created` / `contact.updated` carry them. */
export type EventContact = {
  id: string;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  stage_key?: string | null;
  assignee_id?: string | null;
  custom_fields?: Record<string, unknown>;
};

/** One event of GET /api/v1/events (docs/realtime.md): the same envelope for every kind. */
export type DomainEvent =
  | { id: number; kind: "message.received" | "message.created"; data: { message: EventMessage; conversation: EventConversation } }
  | { id: number; kind: "message.sent"; data: { message: EventMessage } }
  | {
      id: number;
      kind: "message.status";
      data: { message_id: string; conversation_id: string; status: string; error: Record<string, unknown> | null };
    }
  | { id: number; kind: "message.deleted"; data: { message_id: string; conversation_id: string } }
  | { id: number; kind: "conversation.updated"; data: { conversation: EventConversation } }
  | { id: number; kind: "contact.created" | "contact.updated"; data: EventContact }
  | { id: number; kind: "contact.merged"; data: { id: string; merged_id: string } }
  | { id: number; kind: "contact.erased"; data: { id: string } }
  | {
      id: number;
      kind: "ai.status_changed";
      data: { conversation_id: string; contact_id: string; status: string; previous_status: string | null };
    }
  | { id: number; kind: "conversation.handoff"; data: { conversation_id: string; contact_id: string; summary: Record<string, unknown> } };
