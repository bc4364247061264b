import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import type { AiDocumentDetail } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";

type Upload = { file: File; title?: string };

/** Add (text or file), edit and delete knowledge-base documents; the list follows. */
export function useAiKnowledgeMutations() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.aiKnowledge });
  const remember = (document: AiDocumentDetail) => {
    queryClient.setQueryData(queryKeys.aiDocument(document.id), document);
    refresh();
  };

  const create = useMutation({
    mutationFn: async (body: { title: string; text: string }) => unwrap(await api.POST("/api/v1/ai/knowledge", { body })),
    onSuccess: remember,
  });
  const upload = useMutation({
    mutationFn: async ({ file, title }: Upload) => {
      const form = new FormData();
      form.append("file", file);
      if (title?.trim()) form.append("title", title.trim());
      // The body is multipart: openapi-fetch sends a FormData as is (the browser sets the boundary).
      return unwrap(await api.POST("/api/v1/ai/knowledge", { body: form as unknown as { title: string; text: string }, bodySerializer: (value) => value as unknown as FormData }));
    },
    onSuccess: remember,
  });
  const update = useMutation({
    mutationFn: async ({ id, title, text }: { id: string; title?: string; text?: string }) =>
      unwrap(await api.PATCH("/api/v1/ai/knowledge/{document_id}", { params: { path: { document_id: id } }, body: { title, text } })),
    onSuccess: remember,
  });
  const remove = useMutation({
    mutationFn: async (id: string) => unwrap(await api.DELETE("/api/v1/ai/knowledge/{document_id}", { params: { path: { document_id: id } } })),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.aiDocument(id) });
      refresh();
    },
  });
  return { create, upload, update, remove };
}
