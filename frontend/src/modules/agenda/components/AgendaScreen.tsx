import { CalendarDays, ChevronLeft, ChevronRight, RefreshCw } from "lucide-react";
import { Link, useSearchParams } from "react-router";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import "@/modules/agenda/components/Agenda.css";
import { ConsultantWeek } from "@/modules/agenda/components/ConsultantWeek";
import { useAgenda } from "@/modules/agenda/hooks/useAgenda";
import { currentIsoWeek } from "@/modules/agenda/utils/currentIsoWeek";
import { dayAsDate } from "@/modules/agenda/utils/dayAsDate";
import { mondayOfIsoWeek, shiftIsoWeek } from "@/modules/agenda/utils/isoWeek";
import { localDay } from "@/modules/agenda/utils/localDay";
import { Button } from "@/ui/Button";
import { EmptyState } from "@/ui/EmptyState";
import { Spinner } from "@/ui/Spinner";

/** /agenda: each consultant's week (Google Calendar plugin), with week navigation and refresh. */
export function AgendaScreen() {
  const { t, formatDate, timeZone } = useI18n();
  const [params, setParams] = useSearchParams();
  const thisWeek = currentIsoWeek(timeZone);
  const asked = params.get("week");
  const week = asked && mondayOfIsoWeek(asked) ? asked : thisWeek;
  const agenda = useAgenda(week);
  const goTo = (next: string) => setParams(next === thisWeek ? {} : { week: next });
  const today = localDay(new Date().toISOString(), timeZone);

  const problem = agenda.error instanceof ApiError ? agenda.error : null;
  let body;
  if (problem?.status === 404) {
    body = (
      <EmptyState title={t("agenda.notEnabled")} icon={<CalendarDays size={28} aria-hidden="true" />}>
        <p className="muted">{t("agenda.notEnabledHint")}</p>
        <Link to="/settings/plugins">{t("agenda.openPlugins")}</Link>
      </EmptyState>
    );
  } else if (problem?.status === 409) {
    body = (
      <EmptyState title={t("agenda.notConfigured")} icon={<CalendarDays size={28} aria-hidden="true" />}>
        <p className="muted">{problem.message}</p>
        <Link to="/settings/plugins">{t("agenda.openPlugins")}</Link>
      </EmptyState>
    );
  } else if (agenda.isError) {
    body = (
      <EmptyState title={t("agenda.unavailable")}>
        <p className="muted">{problem?.message ?? t("error.network")}</p>
      </EmptyState>
    );
  } else if (!agenda.data) {
    body = <Spinner label={t("common.loading")} />;
  } else if (agenda.data.consultants.length === 0) {
    body = (
      <EmptyState title={t("agenda.noConsultants")}>
        <p className="muted">{t("agenda.noConsultantsHint")}</p>
        <Link to="/settings/plugins">{t("agenda.openPlugins")}</Link>
      </EmptyState>
    );
  } else {
    body = agenda.data.consultants.map((consultant) => <ConsultantWeek key={consultant.id} consultant={consultant} today={today} />);
  }

  const monday = mondayOfIsoWeek(week)?.toISOString().slice(0, 10);
  const sunday = monday ? new Date(Date.parse(monday) + 6 * 86_400_000).toISOString().slice(0, 10) : null;
  return (
    <div className="page page-agenda">
      <header className="page-header">
        <div>
          <h1>{t("agenda.title")}</h1>
          {monday && sunday && (
            <p className="muted" aria-live="polite">
              {t("agenda.weekRange", { from: formatDate(dayAsDate(monday), "date"), to: formatDate(dayAsDate(sunday), "date") })}
              {" · "}
              {t("agenda.timeZone", { zone: timeZone })}
            </p>
          )}
        </div>
        <nav className="agenda-nav" aria-label={t("agenda.weekNav")}>
          <Button size="sm" onClick={() => goTo(shiftIsoWeek(week, -1))}>
            <ChevronLeft size={16} aria-hidden="true" /> {t("agenda.previousWeek")}
          </Button>
          <Button size="sm" disabled={week === thisWeek} onClick={() => goTo(thisWeek)}>
            {t("agenda.thisWeek")}
          </Button>
          <Button size="sm" onClick={() => goTo(shiftIsoWeek(week, 1))}>
            {t("agenda.nextWeek")} <ChevronRight size={16} aria-hidden="true" />
          </Button>
          <Button size="sm" variant="primary" busy={agenda.isFetching} onClick={() => void agenda.refetch()}>
            <RefreshCw size={16} aria-hidden="true" /> {t("agenda.refresh")}
          </Button>
        </nav>
      </header>
      {body}
    </div>
  );
}
