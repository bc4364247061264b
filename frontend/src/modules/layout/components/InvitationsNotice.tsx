import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MailPlus } from "lucide-react";
import { api } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import type { Me } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";
import { useI18n } from "@/i18n/hooks/useI18n";
import { Button } from "@/ui/Button";
import { useNotify } from "@/ui/toast/useNotify";

type Answer = { tenantId: string; accept: boolean };

/** Companies that invited the signed-in person to their team: accept (the company joins the switcher) or decline. */
export function InvitationsNotice({ me }: { me: Me }) {
  const { t } = useI18n();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const answer = useMutation({
    mutationFn: async ({ tenantId, accept }: Answer) => {
      const path = accept ? "/api/v1/auth/invitations/{tenant_id}/accept" : "/api/v1/auth/invitations/{tenant_id}/decline";
      unwrap(await api.POST(path, { params: { path: { tenant_id: tenantId } } }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
  if (me.invitations.length === 0) return null;
  return (
    <section className="notice" aria-label={t("invitations.title")}>
      {me.invitations.map((invitation) => {
        const company = invitation.tenant.name;
        const reply = (accept: boolean) =>
          answer.mutate(
            { tenantId: invitation.tenant.id, accept },
            {
              onSuccess: () => notify.success(t(accept ? "invitations.accepted" : "invitations.declined", { company })),
              onError: notify.error,
            },
          );
        return (
          <div key={invitation.tenant.id} className="notice-row">
            <MailPlus size={18} aria-hidden="true" />
            <p>{t("invitations.text", { company, role: t(`role.${invitation.role as "owner" | "admin" | "agent"}`) })}</p>
            <Button size="sm" variant="primary" busy={answer.isPending} onClick={() => reply(true)}>
              {t("invitations.accept", { company })}
            </Button>
            <Button size="sm" variant="secondary" disabled={answer.isPending} onClick={() => reply(false)}>
              {t("invitations.decline", { company })}
            </Button>
          </div>
        );
      })}
    </section>
  );
}
