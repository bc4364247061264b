import type { Conversation, Message } from "@/api/schemas";

/** A conversation as the API lists it, with `overrides`. */
export const aConversation = (overrides: Partial<Conversation> = {}): Conversation => ({
  id: "c1",
  status: "open",
  channel_id: "ch1",
  channel_type: "sandbox",
  unread_count: 0,
  last_message_at: "2026-11-21T12:00:00+00:00",
  last_message_preview: "Oi",
  last_inbound_at: "2026-11-21T12:00:00+00:00",
  window_open: true,
  window_expires_at: null,
  assignee_id: null,
  ai_active: false,
  contact: { id: "k1", name: "Maria", phone: "+5511999990000", stage_key: null },
  tags: [],
  created_at: "2026-11-21T11:00:00+00:00",
  ...overrides,
});

/** A message as the API lists it, with `overrides`. */
export const aMessage = (overrides: Partial<Message> = {}): Message => ({
  id: "m1",
  conversation_id: "c1",
  direction: "inbound",
  type: "text",
  text: "Oi",
  content: {},
  status: "received",
  error: null,
  provider_message_id: "p1",
  reply_to: null,
  author_type: "contact",
  author_id: null,
  created_at: "2026-11-21T12:00:00+00:00",
  scheduled_at: null,
  sent_at: null,
  delivered_at: null,
  read_at: null,
  ...overrides,
});
