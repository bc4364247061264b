import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** A plugin's settings for this company (secrets masked) and saving them. */
export function usePluginSettings(pluginId: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const path = { params: { path: { plugin_id: pluginId } } };
  const settings = useQuery({
    queryKey: queryKeys.pluginSettings(pluginId),
    queryFn: async () => unwrap(await api.GET("/api/v1/plugins/{plugin_id}/settings", path)) as Record<string, unknown>,
    enabled,
  });
  const save = useMutation({
    mutationFn: async (body: Record<string, unknown>) => unwrap(await api.PUT("/api/v1/plugins/{plugin_id}/settings", { ...path, body })) as Record<string, unknown>,
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.pluginSettings(pluginId), saved),
  });
  return { settings, save };
}
