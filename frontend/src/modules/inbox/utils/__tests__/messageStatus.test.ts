import { describe, expect, it } from "vitest";
import { advanceStatus } from "@/modules/inbox/utils/advanceStatus";
import { messageTick } from "@/modules/inbox/utils/messageTick";

describe("messageTick", () => {
  it("shows no mark on the contact's messages", () => {
    expect(messageTick({ direction: "inbound", status: "received" })).toBe("none");
  });

  it.each([
    ["scheduled", "scheduled"],
    ["queued", "pending"],
    ["sending", "pending"],
    ["sent", "sent"],
    ["delivered", "delivered"],
    ["read", "read"],
    ["failed", "failed"],
  ])("shows an outgoing %s message as %s", (status, tick) => {
    expect(messageTick({ direction: "outbound", status })).toBe(tick);
  });
});

describe("advanceStatus", () => {
  it("moves forward", () => {
    expect(advanceStatus("queued", "sent")).toBe("sent");
    expect(advanceStatus("sent", "read")).toBe("read");
  });

  it("never moves back: a late 'sent' or 'delivered' leaves 'read'", () => {
    expect(advanceStatus("read", "delivered")).toBe("read");
    expect(advanceStatus("delivered", "sent")).toBe("delivered");
    expect(advanceStatus("sent", "queued")).toBe("sent");
  });

  it("lets a failure replace a message that was not delivered, not one already read", () => {
    expect(advanceStatus("sent", "failed")).toBe("failed");
    expect(advanceStatus("read", "failed")).toBe("read");
    expect(advanceStatus("failed", "delivered")).toBe("delivered");
  });
});
