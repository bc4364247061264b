import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { unwrap } from "@/api/unwrap";
import type { components } from "@/generated/api";

/** Apply one action (lead status, add or remove a tag, assign) to many contacts at once. */
export function useBulkContacts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: components["schemas"]["Bulk"]) => unwrap(await api.POST("/api/v1/contacts/bulk", { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["contacts"] });
      void queryClient.invalidateQueries({ queryKey: ["conversations", "list"] });
    },
  });
}
