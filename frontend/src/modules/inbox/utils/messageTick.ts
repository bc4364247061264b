import type { MessageTick } from "@/modules/inbox/types/MessageTick";

const TICKS: Record<string, MessageTick> = {
  scheduled: "scheduled",
  queued: "pending",
  sending: "pending",
  sent: "sent",
  delivered: "delivered",
  read: "read",
  failed: "failed",
};

/** The mark of a message: none for the contact's messages, else its sending status as ticks. */
export const messageTick = (message: { direction: string; status: string }): MessageTick =>
  message.direction === "inbound" ? "none" : (TICKS[message.status] ?? "pending");
