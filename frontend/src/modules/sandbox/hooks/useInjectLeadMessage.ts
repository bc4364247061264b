import { useMutation } from "@tanstack/react-query";
import { api } from "@/api/client";
import { unwrap } from "@/api/unwrap";

type Variables = { channelId: string; from: string; name?: string; text: string };

/** Make a pretend lead write to a sandbox channel (the message arrives like a real webhook). */
export function useInjectLeadMessage() {
  return useMutation({
    mutationFn: async ({ channelId, from, name, text }: Variables) =>
      unwrap(
        await api.POST("/api/v1/plugins/sandbox/channels/{channel_id}/inbound", {
          params: { path: { channel_id: channelId } },
          body: { from, name: name || null, text },
        }),
      ),
  });
}
