import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** Whether the company enabled the AI agent plugin (`ai-agent`); false while unknown. */
export function useAiAgentEnabled(): boolean {
  const plugins = useQuery({ queryKey: queryKeys.plugins, queryFn: async () => unwrap(await api.GET("/api/v1/plugins")).items });
  return plugins.data?.some((plugin) => plugin.id === "ai-agent" && plugin.enabled) ?? false;
}
