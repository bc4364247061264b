import type { Complete } from "@/api/schemas";
import type { components } from "@/generated/api";

/** GET /api/v1/calendar/agenda: each consultant's week (events, free slots per day). */
export type Agenda = Complete<components["schemas"]["GoogleCalendarAgenda"]>;
