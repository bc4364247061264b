import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** The provider's calls, tokens and latency in the last 30 days (admins; fetched again each time it is shown). */
export function useAiUsage(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.aiUsage, queryFn: async () => unwrap(await api.GET("/api/v1/ai/usage")), enabled, staleTime: 0 });
}
