import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "@/api/ApiError";

/**
 * The panel's query cache. Realtime events keep it fresh (no polling, no refetch on focus);
 * client errors (4xx) are not retried.
 */
export function createQueryClient(): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
  // Downloaded media are object URLs: free each one when its query leaves the cache.
  client.getQueryCache().subscribe((event) => {
    if (event.type === "removed" && event.query.queryKey[0] === "media" && typeof event.query.state.data === "string") {
      URL.revokeObjectURL(event.query.state.data);
    }
  });
  return client;
}
