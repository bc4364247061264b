import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

type Role = "owner" | "admin" | "agent";

/** Add members (or invite existing accounts), change roles, deactivate and reactivate, withdraw invitations. */
export function useTeamMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: queryKeys.users });
  const path = (id: string) => ({ params: { path: { user_id: id } } });
  return {
    add: useMutation({
      mutationFn: async (body: { email: string; name: string; password?: string | null }) => unwrap(await api.POST("/api/v1/users", { body })),
      onSuccess,
    }),
    setRole: useMutation({
      mutationFn: async ({ id, role }: { id: string; role: Role }) => unwrap(await api.PUT("/api/v1/users/{user_id}/role", { ...path(id), body: { role } })),
      onSuccess,
    }),
    deactivate: useMutation({
      mutationFn: async (id: string) => unwrap(await api.POST("/api/v1/users/{user_id}/deactivate", path(id))),
      onSuccess,
    }),
    activate: useMutation({
      mutationFn: async (id: string) => unwrap(await api.POST("/api/v1/users/{user_id}/activate", path(id))),
      onSuccess,
    }),
    withdraw: useMutation({
      mutationFn: async (id: string) => unwrap(await api.DELETE("/api/v1/users/{user_id}/invitation", path(id))),
      onSuccess,
    }),
  };
}
