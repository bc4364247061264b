import { AgendaScreen } from "@/modules/agenda/components/AgendaScreen";

/** /agenda: the consultants' weeks from Google Calendar (plugin google-calendar). */
export function AgendaPage() {
  return <AgendaScreen />;
}
