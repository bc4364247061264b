import type { Agenda } from "@/modules/agenda/types/Agenda";

/** One consultant's week in the agenda. */
export type AgendaConsultant = Agenda["consultants"][number];
