import { UserPlus } from "lucide-react";
import { useState } from "react";
import type { Member } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useMe } from "@/modules/auth/hooks/useMe";
import { hasRole } from "@/modules/layout/utils/hasRole";
import { AddMemberForm } from "@/modules/team/components/AddMemberForm";
import { useTeamMutations } from "@/modules/team/hooks/useTeamMutations";
import { useTeam } from "@/modules/workspace/hooks/useTeam";
import { Button } from "@/ui/Button";
import { useConfirm } from "@/ui/confirm/useConfirm";
import { Dialog } from "@/ui/Dialog";
import { SelectField } from "@/ui/SelectField";
import { Spinner } from "@/ui/Spinner";
import { useNotify } from "@/ui/toast/useNotify";

type Role = "owner" | "admin" | "agent";

/** /team: members, roles, add or invite, deactivate and reactivate, withdraw invitations. */
export function TeamPage() {
  const { t } = useI18n();
  const me = useMe();
  const team = useTeam();
  const { setRole, deactivate, activate, withdraw } = useTeamMutations();
  const confirm = useConfirm();
  const notify = useNotify();
  const [adding, setAdding] = useState(false);
  const canManage = hasRole(me.data?.role, "admin");
  const isOwner = me.data?.role === "owner";

  const roles = (member: Member): Role[] => (isOwner || member.role === "owner" ? ["owner", "admin", "agent"] : ["admin", "agent"]);

  const memberAction = async (member: Member) => {
    if (member.status === "invited") {
      const ok = await confirm({ title: t("team.withdrawTitle", { email: member.email }), body: t("team.withdrawBody"), confirmLabel: t("team.withdraw"), destructive: true });
      if (ok) withdraw.mutate(member.id, { onSuccess: () => notify.success(t("team.withdrawn")), onError: notify.error });
    } else if (member.is_active) {
      const ok = await confirm({ title: t("team.deactivateTitle", { name: member.name }), body: t("team.deactivateBody"), confirmLabel: t("team.deactivate"), destructive: true });
      if (ok) deactivate.mutate(member.id, { onSuccess: () => notify.success(t("team.deactivated", { name: member.name })), onError: notify.error });
    } else {
      activate.mutate(member.id, { onSuccess: () => notify.success(t("team.activated", { name: member.name })), onError: notify.error });
    }
  };

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t("nav.team")}</h1>
        {canManage && (
          <Button variant="primary" onClick={() => setAdding(true)}>
            <UserPlus size={16} aria-hidden="true" /> {t("team.add")}
          </Button>
        )}
      </header>
      {team.isPending ? (
        <Spinner label={t("common.loading")} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("contact.name")}</th>
                <th scope="col" className="hide-sm">
                  {t("auth.email")}
                </th>
                <th scope="col">{t("team.role")}</th>
                <th scope="col">{t("team.state")}</th>
                {canManage && <th scope="col">{t("common.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {team.data?.map((member) => {
                const self = member.id === me.data?.user.id;
                return (
                  <tr key={member.id} className={member.is_active ? "" : "is-inactive"}>
                    <td>
                      {member.name}
                      {self && <span className="muted"> ({t("team.you")})</span>}
                    </td>
                    <td className="hide-sm">{member.email}</td>
                    <td>
                      {canManage && !self && (isOwner || member.role !== "owner") ? (
                        <SelectField
                          label={t("team.roleOf", { name: member.name })}
                          className="field-inline field-label-hidden"
                          value={member.role}
                          onChange={(event) => setRole.mutate({ id: member.id, role: event.target.value as Role }, { onSuccess: () => notify.success(t("common.saved")), onError: notify.error })}
                          options={roles(member).map((role) => ({ value: role, label: t(`role.${role}`) }))}
                        />
                      ) : (
                        t(`role.${member.role as Role}`)
                      )}
                    </td>
                    <td>{member.status === "invited" ? t("team.invited") : member.is_active ? t("team.active") : t("team.inactive")}</td>
                    {canManage && (
                      <td>
                        {!self && (isOwner || member.role !== "owner") && (
                          <Button size="sm" variant={member.is_active || member.status === "invited" ? "danger" : "secondary"} onClick={() => void memberAction(member)}>
                            {member.status === "invited" ? t("team.withdraw") : member.is_active ? t("team.deactivate") : t("team.activate")}
                          </Button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Dialog open={adding} title={t("team.add")} onClose={() => setAdding(false)} closeLabel={t("common.close")}>
        <AddMemberForm onDone={() => setAdding(false)} />
      </Dialog>
    </div>
  );
}
