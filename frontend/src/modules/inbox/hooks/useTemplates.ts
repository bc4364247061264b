import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** The approved templates of a channel (asked from the provider; cached for the session). */
export function useTemplates(channelId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.templates(channelId ?? ""),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/channels/{channel_id}/templates", { params: { path: { channel_id: channelId ?? "" } } })).items,
    enabled: Boolean(channelId),
    staleTime: 10 * 60_000,
  });
}
