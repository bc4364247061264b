import { type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { sessionStore } from "@/modules/auth/states/sessionStore";

/**
 * Empty the query cache whenever the signed-in company changes or the session ends, in this tab
 * or another one (tabs share the session): no screen may show the previous company's data.
 */
export function useCacheFollowsSession(queryClient: QueryClient): void {
  useEffect(() => {
    let tenant = sessionStore.get()?.tenantSlug;
    return sessionStore.subscribe(() => {
      const next = sessionStore.get()?.tenantSlug;
      if (next !== tenant) queryClient.clear();
      tenant = next;
    });
  }, [queryClient]);
}
