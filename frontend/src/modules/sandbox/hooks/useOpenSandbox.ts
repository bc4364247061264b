import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import type { Channel } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";

/** Enable the sandbox plugin and connect a sandbox channel (or reuse the one there is). */
export function useOpenSandbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ name, existing }: { name: string; existing?: Channel }): Promise<Channel> => {
      unwrap(await api.POST("/api/v1/plugins/{plugin_id}/enable", { params: { path: { plugin_id: "sandbox" } } }));
      if (existing) return existing;
      return unwrap(await api.POST("/api/v1/channels", { body: { type: "sandbox", name, config: {} } }));
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels });
      void queryClient.invalidateQueries({ queryKey: queryKeys.plugins });
    },
  });
}
