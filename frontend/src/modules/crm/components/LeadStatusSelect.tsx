import type { ContactDetail } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useUpdateContact } from "@/modules/crm/hooks/useUpdateContact";
import { useStages } from "@/modules/workspace/hooks/useStages";
import { SelectField } from "@/ui/SelectField";
import { useNotify } from "@/ui/toast/useNotify";

/** The contact's lead status: a stage of the company's pipeline. */
export function LeadStatusSelect({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const stages = useStages();
  const update = useUpdateContact();
  const notify = useNotify();
  return (
    <SelectField
      label={t("crm.leadStatus")}
      value={contact.stage_key ?? ""}
      placeholder={t("crm.noStage")}
      onChange={(event) => update.mutate({ id: contact.id, patch: { stage_key: event.target.value || null } }, { onError: notify.error })}
      options={(stages.data ?? []).map((stage) => ({ value: stage.key, label: stage.name }))}
    />
  );
}
