import type { AgendaConsultant } from "@/modules/agenda/types/AgendaConsultant";
import { localDay } from "@/modules/agenda/utils/localDay";

type AgendaEvent = AgendaConsultant["events"][number];

/** A consultant's events grouped by the day they start on in `timeZone`, each day's in start order. */
export function eventsByDay(events: AgendaEvent[], timeZone: string): Map<string, AgendaEvent[]> {
  const days = new Map<string, AgendaEvent[]>();
  for (const event of [...events].sort((a, b) => (a.all_day === b.all_day ? Date.parse(a.start) - Date.parse(b.start) : a.all_day ? -1 : 1))) {
    const day = localDay(event.start, timeZone);
    days.set(day, [...(days.get(day) ?? []), event]);
  }
  return days;
}
