import { useI18n } from "@/i18n/hooks/useI18n";
import type { AgendaConsultant } from "@/modules/agenda/types/AgendaConsultant";
import { availabilityLevel } from "@/modules/agenda/utils/availabilityLevel";
import { dayAsDate } from "@/modules/agenda/utils/dayAsDate";

type Day = AgendaConsultant["days"][number];
type AgendaEvent = AgendaConsultant["events"][number];

export type DayCardProps = { day: Day; events: AgendaEvent[]; today: boolean };

/** One day of a consultant's week: how free it is, its events and its free slots. */
export function DayCard({ day, events, today }: DayCardProps) {
  const { t, tp, formatDate } = useI18n();
  const level = availabilityLevel(day.free_slots, day.total_slots);
  const label = `${formatDate(dayAsDate(day.date), "weekday")} ${formatDate(dayAsDate(day.date), "dayMonth")}`;
  return (
    <article className={`agenda-day agenda-${level}${today ? " agenda-today" : ""}`} aria-label={label} data-date={day.date} data-level={level}>
      <header className="agenda-day-header">
        <h3>
          <span className="agenda-weekday">{formatDate(dayAsDate(day.date), "weekday")}</span> {formatDate(dayAsDate(day.date), "dayMonth")}
        </h3>
        <p className={`agenda-level agenda-level-${level}`}>{t(`agenda.level.${level}`)}</p>
        {day.total_slots > 0 && <p className="small muted">{tp("agenda.freeOf", day.free_slots, { total: day.total_slots })}</p>}
      </header>
      {events.length > 0 && (
        <ul className="agenda-events" aria-label={t("agenda.events")}>
          {events.map((event) => (
            <li key={event.id} className={event.from_atrium ? "agenda-event agenda-event-atrium" : "agenda-event"}>
              <span className="agenda-event-time">
                {event.all_day ? t("agenda.allDay") : `${formatDate(event.start, "time")}–${formatDate(event.end, "time")}`}
              </span>{" "}
              {event.html_link ? (
                <a href={event.html_link} target="_blank" rel="noreferrer">
                  {event.summary || t("agenda.busy")}
                </a>
              ) : (
                <span>{event.summary || t("agenda.busy")}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {day.slots.length > 0 && (
        <ul className="agenda-slots" aria-label={t("agenda.freeSlots")}>
          {day.slots.map((slot) => (
            <li key={slot.start}>
              <time dateTime={slot.start}>{formatDate(slot.start, "time")}</time>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
