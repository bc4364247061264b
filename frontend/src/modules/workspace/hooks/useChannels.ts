import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { fetchAll } from "@/api/fetchAll";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** Every channel of the company (newest first). */
export function useChannels() {
  return useQuery({
    queryKey: queryKeys.channels,
    queryFn: () => fetchAll(async (cursor) => unwrap(await api.GET("/api/v1/channels", { params: { query: { limit: 100, cursor } } }))),
  });
}
