import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";
import { useSession } from "@/modules/auth/hooks/useSession";

/** The signed-in user, their role, company and every company they belong to. */
export function useMe() {
  const session = useSession();
  return useQuery({
    queryKey: [...queryKeys.me, session?.tenantSlug],
    queryFn: async () => unwrap(await api.GET("/api/v1/auth/me")),
    enabled: session !== null,
    staleTime: 5 * 60_000,
  });
}
