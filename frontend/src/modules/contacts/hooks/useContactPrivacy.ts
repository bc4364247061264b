import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/api/client";
import { unwrap } from "@/api/unwrap";

/** LGPD: export everything stored about a contact (a JSON download), or erase it everywhere. */
export function useContactPrivacy(contactId: string) {
  const queryClient = useQueryClient();
  const exportData = useMutation({
    mutationFn: async () => {
      const data = unwrap(await api.GET("/api/v1/contacts/{contact_id}/export", { params: { path: { contact_id: contactId } } }));
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      const link = Object.assign(document.createElement("a"), { href: url, download: `contact-${contactId}.json` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  });
  const erase = useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE("/api/v1/contacts/{contact_id}", { params: { path: { contact_id: contactId }, query: { erase: true } } })),
    onSuccess: () => {
      // Marked stale, not refetched now: the erased contact's own queries would answer 404.
      void queryClient.invalidateQueries({ queryKey: ["contacts"], refetchType: "none" });
      void queryClient.invalidateQueries({ queryKey: ["conversations"], refetchType: "none" });
    },
  });
  return { exportData, erase };
}
