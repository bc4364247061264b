import type { DomainEvent } from "@/modules/realtime/types/DomainEvent";

/** The kinds the panel listens to (EventSource delivers named events only to their listeners). */
export const DomainEventKinds: DomainEvent["kind"][] = [
  "message.received",
  "message.created",
  "message.sent",
  "message.status",
  "message.deleted",
  "conversation.updated",
  "contact.created",
  "contact.updated",
  "contact.merged",
  "contact.erased",
  "ai.status_changed",
  "conversation.handoff",
];
