import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** Create, change and delete the company's tags. */
export function useTagMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.tags });
    void queryClient.invalidateQueries({ queryKey: ["contacts"] });
    void queryClient.invalidateQueries({ queryKey: ["conversations", "list"] });
  };
  return {
    create: useMutation({
      mutationFn: async (body: { name: string; color: string }) => unwrap(await api.POST("/api/v1/tags", { body })),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: async ({ id, ...body }: { id: string; name?: string; color?: string }) =>
        unwrap(await api.PATCH("/api/v1/tags/{tag_id}", { params: { path: { tag_id: id } }, body })),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: async (id: string) => unwrap(await api.DELETE("/api/v1/tags/{tag_id}", { params: { path: { tag_id: id } } })),
      onSuccess,
    }),
  };
}
