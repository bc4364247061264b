import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "@/api/ApiError";

/**
 * The panel's query cache. Realtime events keep it fresh (no polling, no refetch on focus);
 * client errors (4xx) are not retried.
 */
export const createQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
