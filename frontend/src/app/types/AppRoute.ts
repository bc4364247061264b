import type { QueryClient } from "@tanstack/react-query";
import type { ComponentType, LazyExoticComponent } from "react";

/** A page of the panel, registered in `routeRegistry`. */
export type AppRoute = {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** `public`: signed-out pages (login, sign-up); `app`: inside the shell, signed in. */
  access: "public" | "app";
  /** Data to request as soon as the panel starts on this page, in parallel with its code. */
  prefetch?: (queryClient: QueryClient, url: URL) => Promise<void>;
};
