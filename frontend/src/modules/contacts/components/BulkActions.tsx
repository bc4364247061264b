import { useI18n } from "@/i18n/hooks/useI18n";
import { useBulkContacts } from "@/modules/contacts/hooks/useBulkContacts";
import { useStages } from "@/modules/workspace/hooks/useStages";
import { useTags } from "@/modules/workspace/hooks/useTags";
import { Button } from "@/ui/Button";
import { SelectField } from "@/ui/SelectField";
import { useNotify } from "@/ui/toast/useNotify";

export type BulkActionsProps = { ids: string[]; onDone: () => void };

/** Actions on the selected contacts: set the lead status, add or remove a tag. */
export function BulkActions({ ids, onDone }: BulkActionsProps) {
  const { t, tp } = useI18n();
  const bulk = useBulkContacts();
  const stages = useStages();
  const tags = useTags();
  const notify = useNotify();
  const run = (action: { set_stage?: string; add_tag?: string; remove_tag?: string }) =>
    bulk.mutate(
      { ids, ...action },
      {
        onSuccess: (result) => {
          notify.success(tp("contacts.bulkDone", result.updated));
          onDone();
        },
        onError: notify.error,
      },
    );
  const tagOptions = (tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }));
  return (
    <div className="bulk-bar" role="region" aria-label={t("contacts.bulk")}>
      <strong>{tp("contacts.selected", ids.length)}</strong>
      <SelectField
        label={t("contacts.setStage")}
        className="field-inline"
        value=""
        placeholder={t("crm.chooseStage")}
        disabled={bulk.isPending}
        onChange={(event) => event.target.value && run({ set_stage: event.target.value })}
        options={(stages.data ?? []).map((stage) => ({ value: stage.key, label: stage.name }))}
      />
      <SelectField
        label={t("crm.addTag")}
        className="field-inline"
        value=""
        placeholder={t("crm.chooseTag")}
        disabled={bulk.isPending}
        onChange={(event) => event.target.value && run({ add_tag: event.target.value })}
        options={tagOptions}
      />
      <SelectField
        label={t("contacts.removeTag")}
        className="field-inline"
        value=""
        placeholder={t("crm.chooseTag")}
        disabled={bulk.isPending}
        onChange={(event) => event.target.value && run({ remove_tag: event.target.value })}
        options={tagOptions}
      />
      <Button size="sm" variant="ghost" onClick={onDone}>
        {t("contacts.clearSelection")}
      </Button>
    </div>
  );
}
