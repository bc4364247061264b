import type { Channel, Conversation, Message } from "@/api/schemas";
import type { UploadRules } from "@/modules/inbox/types/UploadRules";

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

const MB = 1024 * 1024;

/** The upload rules the API gives WhatsApp Cloud and sandbox channels (Meta's documented types and sizes). */
export const whatsappUploadRules: UploadRules = {
  image: { mime_types: ["image/jpeg", "image/png"], max_bytes: 5 * MB },
  video: { mime_types: ["video/3gpp", "video/mp4"], max_bytes: 16 * MB },
  audio: { mime_types: ["audio/aac", "audio/amr", "audio/mp4", "audio/mpeg", "audio/ogg"], max_bytes: 16 * MB },
  document: {
    mime_types: ["application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/plain"],
    max_bytes: 100 * MB,
  },
};

/** A channel as the API lists it, with `overrides`. */
export const aChannel = (overrides: Partial<Channel> = {}): Channel => ({
  id: "ch1",
  type: "sandbox",
  name: "Sandbox",
  webhook_url: "/webhooks/sandbox/ch1",
  config: {},
  secrets_set: [],
  upload_rules: whatsappUploadRules,
  status: "active",
  last_event_at: null,
  last_error: null,
  last_error_at: null,
  created_at: "2026-11-21T10:00:00+00:00",
  updated_at: "2026-11-21T10:00:00+00:00",
  ...overrides,
});
