import { useQuery } from "@tanstack/react-query";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { unwrap } from "@/api/unwrap";

/** One contact with its identities, tags and attribution. */
export function useContact(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.contact(id ?? ""),
    queryFn: async () => unwrap(await api.GET("/api/v1/contacts/{contact_id}", { params: { path: { contact_id: id ?? "" } } })),
    enabled: Boolean(id),
  });
}
