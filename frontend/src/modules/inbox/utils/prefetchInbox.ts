import type { QueryClient } from "@tanstack/react-query";
import { conversationsQuery } from "@/modules/inbox/utils/conversationsQuery";
import { filtersFromParams } from "@/modules/inbox/utils/filtersFromParams";

/** Ask for the conversation list while the inbox's code is still loading (first paint). */
export const prefetchInbox = (queryClient: QueryClient, url: URL): Promise<void> =>
  queryClient.prefetchInfiniteQuery(conversationsQuery(filtersFromParams(url.searchParams)));
