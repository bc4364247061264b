import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** Connect and disconnect channels. */
export function useChannelMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.channels });
  const create = useMutation({
    mutationFn: async (body: { type: string; name: string; config: Record<string, unknown> }) => unwrap(await api.POST("/api/v1/channels", { body })),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: async (id: string) => unwrap(await api.DELETE("/api/v1/channels/{channel_id}", { params: { path: { channel_id: id } } })),
    onSuccess: () => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: ["conversations"] });
    },
  });
  return { create, remove };
}
