import { describe, expect, it } from "vitest";
import { buildChatItems } from "@/modules/inbox/utils/buildChatItems";
import { filtersFromParams } from "@/modules/inbox/utils/filtersFromParams";
import { aMessage } from "@/test/factories";

describe("buildChatItems", () => {
  it("orders oldest first with a separator per day in the company's time zone", () => {
    const newestFirst = [
      aMessage({ id: "m3", provider_message_id: "p3", created_at: "2026-11-21T12:00:00Z" }),
      aMessage({ id: "m2", provider_message_id: "p2", created_at: "2026-11-21T02:30:00Z" }), // 23:30 on the 20th in São Paulo
      aMessage({ id: "m1", provider_message_id: "p1", created_at: "2026-11-20T12:00:00Z" }),
    ];
    const items = buildChatItems(newestFirst, "America/Sao_Paulo");
    expect(items.map((item) => (item.kind === "day" ? item.day : item.message.id))).toEqual(["2026-11-20", "m1", "m2", "2026-11-21", "m3"]);
  });

  it("puts reactions on the message they target and links replies", () => {
    const items = buildChatItems(
      [
        aMessage({ id: "r2", provider_message_id: "pr2", type: "reaction", direction: "inbound", content: { emoji: "❤️", message_id: "p1" }, created_at: "2026-11-21T12:03:00Z" }),
        aMessage({ id: "m2", provider_message_id: "p2", reply_to: "p1", direction: "outbound", created_at: "2026-11-21T12:02:00Z" }),
        aMessage({ id: "r1", provider_message_id: "pr1", type: "reaction", direction: "inbound", content: { emoji: "👍", message_id: "p1" }, created_at: "2026-11-21T12:01:00Z" }),
        aMessage({ id: "m1", provider_message_id: "p1", created_at: "2026-11-21T12:00:00Z" }),
        aMessage({ id: "m0", provider_message_id: "p0", reply_to: "gone", created_at: "2026-11-21T11:00:00Z" }),
      ],
      "UTC",
    );
    const messages = items.flatMap((item) => (item.kind === "message" ? [item] : []));
    expect(messages.map((item) => item.message.id)).toEqual(["m0", "m1", "m2"]);
    expect(messages[1].reactions).toEqual(["❤️"]); // the contact's latest reaction replaced the first
    expect(messages[2].replyTo).toMatchObject({ id: "m1" });
    expect(messages[0].replyTo).toBe("missing");
  });
});

describe("filtersFromParams", () => {
  it("reads the known filters from the query string and drops the rest", () => {
    const params = new URLSearchParams("status=pending&assignee=me&unread=true&q=+mba+&stage=&status2=x");
    expect(filtersFromParams(params)).toEqual({ status: "pending", assignee: "me", unread: true, q: "mba" });
    expect(filtersFromParams(new URLSearchParams("status=closed"))).toEqual({});
  });
});
