import { useQuery } from "@tanstack/react-query";
import { ApiError } from "@/api/ApiError";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import type { Message } from "@/api/schemas";
import { LOCAL_ID_PREFIX } from "@/modules/inbox/constants/LocalIds";

/**
 * A URL the browser can show a message's media from: its public link when it has one, else the
 * file (the provider's, or one an agent uploaded) downloaded through Atrium's media proxy with the agent's token (an object URL, cached for
 * the session and freed when it leaves the cache). `enabled` false: nothing is downloaded.
 */
export function useMessageMedia(message: Message, enabled = true) {
  const link = typeof message.content.url === "string" ? message.content.url : undefined;
  const stored = !link && (typeof message.content.media_id === "string" || typeof message.content.upload_id === "string");
  const sending = stored && message.id.startsWith(LOCAL_ID_PREFIX); // a file just sent: the server's copy is coming
  const proxied = stored && !sending;
  const query = useQuery({
    queryKey: queryKeys.media(message.id),
    queryFn: async () => {
      const { data, error, response } = await api.GET("/api/v1/conversations/{conversation_id}/messages/{message_id}/media", {
        params: { path: { conversation_id: message.conversation_id, message_id: message.id } },
        parseAs: "blob",
      });
      if (!response.ok || !data) throw new ApiError(response.status, typeof error === "object" && error ? error : undefined);
      return URL.createObjectURL(data);
    },
    enabled: enabled && proxied,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 10 * 60_000,
  });
  return { url: link ?? query.data, failed: query.isError, loading: sending || (proxied && query.isPending && enabled) };
}
