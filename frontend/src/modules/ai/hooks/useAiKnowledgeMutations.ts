import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "@/api/ApiError";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import type { AiDocumentDetail, ProblemBody } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";
import { uploadWithProgress } from "@/api/uploadWithProgress";

type Upload = { file: File; title?: string; onProgress?: (fraction: number) => void };

/** Add (text, or a file with upload progress), edit and delete knowledge-base documents; the list follows. */
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
    mutationFn: async ({ file, title, onProgress }: Upload) => {
      const form = new FormData();
      form.append("file", file, file.name);
      if (title?.trim()) form.append("title", title.trim());
      const answer = await uploadWithProgress("/api/v1/ai/knowledge", form, { onProgress });
      if (answer.status === 201) return answer.body as AiDocumentDetail;
      throw new ApiError(answer.status, (answer.body ?? undefined) as ProblemBody | undefined);
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
