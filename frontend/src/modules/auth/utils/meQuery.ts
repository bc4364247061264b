import { queryOptions } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** The signed-in user, role and companies, cached per company (shared by `useMe` and the startup prefetch). */
export const meQuery = (tenantSlug: string | undefined) =>
  queryOptions({
    queryKey: [...queryKeys.me, tenantSlug],
    queryFn: async () => unwrap(await api.GET("/api/v1/auth/me")),
    enabled: tenantSlug !== undefined,
    staleTime: 5 * 60_000,
  });
