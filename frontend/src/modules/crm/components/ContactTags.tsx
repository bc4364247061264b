import type { ContactDetail } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useContactTags } from "@/modules/crm/hooks/useContactTags";
import { useTags } from "@/modules/workspace/hooks/useTags";
import { SelectField } from "@/ui/SelectField";
import { TagChip } from "@/ui/TagChip";

/** The contact's tags as chips (each removable) and a picker to add one. */
export function ContactTags({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const tags = useTags();
  const { add, remove } = useContactTags();
  const available = (tags.data ?? []).filter((tag) => !contact.tags.some((current) => current.id === tag.id));
  return (
    <div className="crm-tags">
      <h3 className="crm-heading">{t("crm.tags")}</h3>
      <ul className="chip-list" aria-label={t("crm.tags")}>
        {contact.tags.length === 0 && <li className="muted">{t("crm.noTags")}</li>}
        {contact.tags.map((tag) => (
          <li key={tag.id}>
            <TagChip
              name={tag.name}
              color={tag.color}
              removeLabel={t("crm.removeTag", { name: tag.name })}
              onRemove={() => remove.mutate({ contactId: contact.id, current: contact.tags, tag })}
            />
          </li>
        ))}
      </ul>
      <SelectField
        label={t("crm.addTag")}
        value=""
        placeholder={t("crm.chooseTag")}
        disabled={available.length === 0}
        onChange={(event) => {
          const tag = available.find((item) => item.id === event.target.value);
          if (tag) add.mutate({ contactId: contact.id, current: contact.tags, tag });
        }}
        options={available.map((tag) => ({ value: tag.id, label: tag.name }))}
      />
    </div>
  );
}
