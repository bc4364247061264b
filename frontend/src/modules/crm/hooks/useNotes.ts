import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import type { Note } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";
import { useNotify } from "@/ui/toast/useNotify";

/** A contact's internal notes (newest first), and writing and deleting them. */
export function useNotes(contactId: string) {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.notes(contactId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.activities(contactId) });
  };
  const list = useInfiniteQuery({
    queryKey: queryKeys.notes(contactId),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET("/api/v1/contacts/{contact_id}/notes", { params: { path: { contact_id: contactId }, query: { limit: 20, cursor: pageParam } } })),
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
  const add = useMutation({
    mutationFn: async (text: string) =>
      unwrap(await api.POST("/api/v1/contacts/{contact_id}/notes", { params: { path: { contact_id: contactId } }, body: { text } })),
    onSuccess: refresh,
    onError: notify.error,
  });
  const remove = useMutation({
    mutationFn: async (note: Note) =>
      unwrap(await api.DELETE("/api/v1/contacts/{contact_id}/notes/{note_id}", { params: { path: { contact_id: contactId, note_id: note.id } } })),
    onSuccess: refresh,
    onError: notify.error,
  });
  return { list, add, remove };
}
