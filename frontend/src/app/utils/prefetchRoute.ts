import type { QueryClient } from "@tanstack/react-query";
import { matchPath } from "react-router";
import { routeRegistry } from "@/app/routeRegistry";
import { sessionStore } from "@/modules/auth/states/sessionStore";
import { meQuery } from "@/modules/auth/utils/meQuery";

/**
 * Start the requests the page the panel opens on needs (signed in only), in parallel with its
 * code: who is signed in (every page's shell needs it) and the route's own data.
 */
export function prefetchRoute(queryClient: QueryClient, location: Location = globalThis.location): void {
  const session = sessionStore.get();
  if (!session) return;
  void queryClient.prefetchQuery(meQuery(session.tenantSlug));
  const route = routeRegistry.find((item) => item.prefetch && matchPath(item.path, location.pathname));
  void route?.prefetch?.(queryClient, new URL(location.href));
}
