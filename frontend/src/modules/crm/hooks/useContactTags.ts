import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import type { Tag, TagRef } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";
import { patchContactInCaches } from "@/modules/crm/utils/patchContactInCaches";
import { useNotify } from "@/ui/toast/useNotify";

type Variables = { contactId: string; current: TagRef[]; tag: Tag | TagRef };

/** Tag and untag a contact; the chips change at once and come back if the server refuses. */
export function useContactTags() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const settle = {
    onError: (error: Error, _variables: Variables, context: { undo: () => void } | undefined) => {
      context?.undo();
      notify.error(error);
    },
    onSettled: (_data: unknown, _error: unknown, { contactId }: Variables) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.activities(contactId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists, refetchType: "none" });
    },
  };
  const add = useMutation({
    mutationFn: async ({ contactId, tag }: Variables) =>
      unwrap(await api.POST("/api/v1/contacts/{contact_id}/tags", { params: { path: { contact_id: contactId } }, body: { tag_id: tag.id } })),
    onMutate: ({ contactId, current, tag }) => ({
      undo: patchContactInCaches(queryClient, contactId, { tags: [...current, { id: tag.id, name: tag.name, color: tag.color }] }),
    }),
    ...settle,
  });
  const remove = useMutation({
    mutationFn: async ({ contactId, tag }: Variables) =>
      unwrap(await api.DELETE("/api/v1/contacts/{contact_id}/tags/{tag_id}", { params: { path: { contact_id: contactId, tag_id: tag.id } } })),
    onMutate: ({ contactId, current, tag }) => ({
      undo: patchContactInCaches(queryClient, contactId, { tags: current.filter((item) => item.id !== tag.id) }),
    }),
    ...settle,
  });
  return { add, remove };
}
