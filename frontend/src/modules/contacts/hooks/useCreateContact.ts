import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";
import type { components } from "@/generated/api";

/** Create a contact. */
export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components["schemas"]["Contact"]) => unwrap(await api.POST("/api/v1/contacts", { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.contactLists }),
  });
}
