import type { QueryClient } from "@tanstack/react-query";
import { matchPath } from "react-router";
import { routeRegistry } from "@/app/routeRegistry";
import { sessionStore } from "@/modules/auth/states/sessionStore";

/** Start the data requests of the page the panel opens on (signed in only). */
export function prefetchRoute(queryClient: QueryClient, location: Location = globalThis.location): void {
  if (!sessionStore.get()) return;
  const route = routeRegistry.find((item) => item.prefetch && matchPath(item.path, location.pathname));
  void route?.prefetch?.(queryClient, new URL(location.href));
}
