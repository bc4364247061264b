/** What the delivery mark of a message shows (WhatsApp's clock and ticks). */
export type MessageTick = "none" | "scheduled" | "pending" | "sent" | "delivered" | "read" | "failed";
