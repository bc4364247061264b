import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";
import type { components } from "@/generated/api";

/** The company's name, language and time zone, and changing them (admins). */
export function useTenantSettings() {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: queryKeys.tenantSettings, queryFn: async () => unwrap(await api.GET("/api/v1/tenant")) });
  const save = useMutation({
    mutationFn: async (body: components["schemas"]["TenantSettings"]) => unwrap(await api.PATCH("/api/v1/tenant", { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.tenantSettings, saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
  return { settings, save };
}
