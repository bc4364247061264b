import type { ContactDetail } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useUpdateContact } from "@/modules/crm/hooks/useUpdateContact";
import { useTeam } from "@/modules/workspace/hooks/useTeam";
import { SelectField } from "@/ui/SelectField";
import { useNotify } from "@/ui/toast/useNotify";

/** The team member responsible for the lead (the contact's assignee). */
export function LeadOwnerSelect({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const team = useTeam();
  const update = useUpdateContact();
  const notify = useNotify();
  const members = (team.data ?? []).filter((member) => member.is_active || member.id === contact.assignee_id);
  return (
    <SelectField
      label={t("crm.owner")}
      value={contact.assignee_id ?? ""}
      placeholder={t("conversation.unassigned")}
      onChange={(event) => update.mutate({ id: contact.id, patch: { assignee_id: event.target.value || null } }, { onError: notify.error })}
      options={members.map((member) => ({ value: member.id, label: member.name }))}
    />
  );
}
