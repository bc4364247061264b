import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { queryKeys } from "@/api/queryKeys";
import type { Conversation, Message } from "@/api/schemas";
import type { InfinitePages } from "@/modules/inbox/types/InfinitePages";
import type { EventMessage } from "@/modules/realtime/types/DomainEvent";
import { upsertMessageInCache } from "@/modules/inbox/utils/upsertMessageInCache";
import { applyDomainEvent } from "@/modules/realtime/utils/applyDomainEvent";
import { aConversation, aMessage } from "@/test/factories";

const pages = <T,>(...lists: T[][]): InfinitePages<T> => ({
  pages: lists.map((items, index) => ({ items, next_cursor: index < lists.length - 1 ? `cursor-${index}` : null })),
  pageParams: lists.map((_, index) => (index === 0 ? undefined : `cursor-${index - 1}`)),
});

const eventMessage = (overrides: Partial<EventMessage> = {}): EventMessage => ({
  id: "m9",
  conversation_id: "c2",
  channel_id: "ch1",
  direction: "inbound",
  type: "text",
  text: "Qual o valor?",
  content: {},
  status: "received",
  error: null,
  provider_message_id: "p9",
  reply_to_provider_id: null,
  author_type: "contact",
  author_id: null,
  created_at: "2026-11-21T13:00:00+00:00",
  ...overrides,
});

const fields = (conversation: Conversation, overrides: object = {}) => ({
  id: conversation.id,
  contact_id: conversation.contact.id,
  channel_id: conversation.channel_id,
  status: conversation.status,
  assignee_id: conversation.assignee_id,
  unread_count: conversation.unread_count,
  last_message_at: conversation.last_message_at,
  last_message_preview: conversation.last_message_preview,
  ai_active: false,
  ...overrides,
});

function setup() {
  const queryClient = new QueryClient();
  const c1 = aConversation({ id: "c1", last_message_at: "2026-11-21T12:00:00+00:00" });
  const c2 = aConversation({ id: "c2", last_message_at: "2026-11-21T11:00:00+00:00", contact: { id: "k2", name: "João", phone: null, stage_key: null } });
  queryClient.setQueryData(queryKeys.conversationList({}), pages([c1, c2]));
  queryClient.setQueryData(queryKeys.conversationList({ status: "open" }), pages([c1, c2]));
  queryClient.setQueryData(queryKeys.messages("c2"), pages([aMessage({ id: "m2", conversation_id: "c2" })]));
  return { queryClient, c1, c2 };
}

const listIds = (queryClient: QueryClient, filters: object) =>
  queryClient.getQueryData<InfinitePages<Conversation>>(queryKeys.conversationList(filters))?.pages.flatMap((page) => page.items.map((c) => c.id));
const messages = (queryClient: QueryClient, id: string) =>
  queryClient.getQueryData<InfinitePages<Message>>(queryKeys.messages(id))?.pages.flatMap((page) => page.items) ?? [];

describe("applyDomainEvent", () => {
  it("shows a received message in the open chat and moves its conversation to the top", () => {
    const { queryClient, c2 } = setup();
    applyDomainEvent(queryClient, {
      id: 1,
      kind: "message.received",
      data: { message: eventMessage(), conversation: fields(c2, { unread_count: 1, last_message_at: "2026-11-21T13:00:00+00:00", last_message_preview: "Qual o valor?" }) },
    });
    expect(messages(queryClient, "c2").map((m) => m.id)).toEqual(["m9", "m2"]);
    expect(listIds(queryClient, {})).toEqual(["c2", "c1"]);
    const top = queryClient.getQueryData<InfinitePages<Conversation>>(queryKeys.conversationList({}))?.pages[0].items[0];
    expect(top).toMatchObject({ unread_count: 1, last_message_preview: "Qual o valor?", contact: { name: "João" } });
  });

  it("adds a message once even when the event repeats", () => {
    const { queryClient, c2 } = setup();
    const event = { id: 1, kind: "message.received" as const, data: { message: eventMessage(), conversation: fields(c2) } };
    applyDomainEvent(queryClient, event);
    applyDomainEvent(queryClient, event);
    expect(messages(queryClient, "c2").map((m) => m.id)).toEqual(["m9", "m2"]);
  });

  it("reloads only the lists that do not hold a new conversation", () => {
    const { queryClient } = setup();
    const conversation = { id: "c3", contact_id: "k3", channel_id: "ch1", status: "open", assignee_id: null, unread_count: 1, last_message_at: "2026-11-21T14:00:00+00:00", last_message_preview: "Oi", ai_active: false };
    applyDomainEvent(queryClient, { id: 2, kind: "message.received", data: { message: eventMessage({ id: "m10", conversation_id: "c3" }), conversation } });
    expect(queryClient.getQueryState(queryKeys.conversationList({}))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.conversationList({ status: "open" }))?.isInvalidated).toBe(true);
  });

  it("updates delivery ticks and never moves a status back", () => {
    const { queryClient } = setup();
    queryClient.setQueryData(queryKeys.messages("c1"), pages([aMessage({ id: "o1", direction: "outbound", status: "sent" })]));
    const status = (value: string) => applyDomainEvent(queryClient, { id: 3, kind: "message.status", data: { message_id: "o1", conversation_id: "c1", status: value, error: null } });
    status("read");
    status("delivered");
    expect(messages(queryClient, "c1")[0].status).toBe("read");
  });

  it("shows why a message failed", () => {
    const { queryClient } = setup();
    queryClient.setQueryData(queryKeys.messages("c1"), pages([aMessage({ id: "o1", direction: "outbound", status: "sent" })]));
    applyDomainEvent(queryClient, { id: 4, kind: "message.status", data: { message_id: "o1", conversation_id: "c1", status: "failed", error: { code: "131047", message: "Re-engagement message" } } });
    expect(messages(queryClient, "c1")[0]).toMatchObject({ status: "failed", error: { code: "131047" } });
  });

  it("takes a resolved conversation out of the 'open' list but keeps it in 'all'", () => {
    const { queryClient, c1 } = setup();
    applyDomainEvent(queryClient, { id: 5, kind: "conversation.updated", data: { conversation: fields(c1, { status: "resolved" }) } });
    expect(listIds(queryClient, { status: "open" })).toEqual(["c2"]);
    expect(listIds(queryClient, {})).toEqual(["c1", "c2"]);
  });

  it("renames the contact in the conversation rows", () => {
    const { queryClient } = setup();
    applyDomainEvent(queryClient, { id: 6, kind: "contact.updated", data: { id: "k2", name: "João Pedro", phone: "+5511988887777", stage_key: "proposal" } });
    const row = queryClient.getQueryData<InfinitePages<Conversation>>(queryKeys.conversationList({}))?.pages[0].items.find((c) => c.id === "c2");
    expect(row?.contact).toMatchObject({ name: "João Pedro", stage_key: "proposal" });
  });

  it("removes a cancelled scheduled message", () => {
    const { queryClient } = setup();
    applyDomainEvent(queryClient, { id: 7, kind: "message.deleted", data: { message_id: "m2", conversation_id: "c2" } });
    expect(messages(queryClient, "c2")).toEqual([]);
  });

  it("puts a sent message in its placeholder's place when the event comes before the send's answer", () => {
    const { queryClient, c2 } = setup();
    const placeholder = aMessage({ id: "local-1-1", conversation_id: "c2", direction: "outbound", text: "Te ligo amanhã", status: "scheduled", scheduled_at: "2099-12-30T12:15:00+00:00" });
    upsertMessageInCache(queryClient, placeholder);
    const sent = eventMessage({ id: "m10", direction: "outbound", text: "Te ligo amanhã", status: "scheduled", author_type: "agent", scheduled_at: "2099-12-30T12:15:00+00:00" });
    applyDomainEvent(queryClient, { id: 8, kind: "message.created", data: { message: sent, conversation: fields(c2) } });
    expect(messages(queryClient, "c2").map((m) => [m.id, m.scheduled_at])).toEqual([["m10", "2099-12-30T12:15:00+00:00"], ["m2", null]]);
    upsertMessageInCache(queryClient, { ...placeholder, id: "m10" }, placeholder.id); // the send's answer, later
    expect(messages(queryClient, "c2").map((m) => m.id)).toEqual(["m10", "m2"]);
  });
});
