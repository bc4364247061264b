import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** Installed plugins (with their settings schema) and enabling or disabling one. */
export function usePlugins() {
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: queryKeys.plugins, queryFn: async () => unwrap(await api.GET("/api/v1/plugins")).items });
  const toggle = useMutation({
    mutationFn: async ({ id, enable }: { id: string; enable: boolean }) =>
      unwrap(
        enable
          ? await api.POST("/api/v1/plugins/{plugin_id}/enable", { params: { path: { plugin_id: id } } })
          : await api.POST("/api/v1/plugins/{plugin_id}/disable", { params: { path: { plugin_id: id } } }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.plugins }),
  });
  return { list, toggle };
}
