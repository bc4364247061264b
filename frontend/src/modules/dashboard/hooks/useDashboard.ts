import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** The dashboard's figures and the daily series of the last `days` days. */
export function useDashboard(days: number) {
  return useQuery({
    queryKey: [...queryKeys.dashboard, days],
    queryFn: async () => unwrap(await api.GET("/api/v1/dashboard", { params: { query: { days } } })),
  });
}
