import { TriangleAlert } from "lucide-react";
import { useId } from "react";
import { useI18n } from "@/i18n/hooks/useI18n";
import { DayCard } from "@/modules/agenda/components/DayCard";
import type { AgendaConsultant } from "@/modules/agenda/types/AgendaConsultant";
import { eventsByDay } from "@/modules/agenda/utils/eventsByDay";

export type ConsultantWeekProps = { consultant: AgendaConsultant; today: string };

/** A consultant's week: a card per day, or why their calendar could not be read. */
export function ConsultantWeek({ consultant, today }: ConsultantWeekProps) {
  const { t, timeZone } = useI18n();
  const headingId = useId();
  const byDay = eventsByDay(consultant.events, timeZone);
  return (
    <section className="agenda-consultant" aria-labelledby={headingId}>
      <h2 id={headingId}>{consultant.name}</h2>
      {consultant.error ? (
        <p className="agenda-error" role="alert">
          <TriangleAlert size={16} aria-hidden="true" /> {t("agenda.calendarError", { error: consultant.error })}
        </p>
      ) : (
        <div className="agenda-week">
          {consultant.days.map((day) => (
            <DayCard key={day.date} day={day} events={byDay.get(day.date) ?? []} today={day.date === today} />
          ))}
        </div>
      )}
    </section>
  );
}
