import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import type { ContactPatch } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";
import { patchContactInCaches } from "@/modules/crm/utils/patchContactInCaches";

type Variables = { id: string; patch: ContactPatch };

/** Change a contact's fields, lead status or owner: shown at once everywhere, undone if refused. */
export function useUpdateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, patch }: Variables) =>
      unwrap(await api.PATCH("/api/v1/contacts/{contact_id}", { params: { path: { contact_id: id } }, body: patch })),
    onMutate: ({ id, patch }) => ({
      undo: patchContactInCaches(queryClient, id, {
        ...("name" in patch ? { name: patch.name } : {}),
        ...("email" in patch ? { email: patch.email } : {}),
        ...("stage_key" in patch ? { stage_key: patch.stage_key } : {}),
        ...("assignee_id" in patch ? { assignee_id: patch.assignee_id } : {}),
      }),
    }),
    onError: (_error, _variables, context) => context?.undo(),
    onSuccess: (contact) => {
      queryClient.setQueryData(queryKeys.contact(contact.id), (old: object | undefined) => ({ ...old, ...contact }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.activities(contact.id) });
    },
  });
}
