import { useQuery } from "@tanstack/react-query";
import { ApiError } from "@/api/ApiError";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";
import type { Agenda } from "@/modules/agenda/types/Agenda";

/** Each consultant's week `week` ("2026-W48"), read from Google Calendar through the plugin. */
export function useAgenda(week: string) {
  return useQuery({
    queryKey: queryKeys.agenda(week),
    queryFn: async () => unwrap(await api.GET("/api/v1/calendar/agenda", { params: { query: { week } } })) as Agenda,
    // Not enabled (404) or not configured (409) does not change by asking again.
    retry: (count, error) => count < 1 && !(error instanceof ApiError && error.status < 500),
    staleTime: 60_000,
  });
}
