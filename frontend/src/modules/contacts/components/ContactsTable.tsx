import { Link } from "react-router";
import type { Contact } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useStages } from "@/modules/workspace/hooks/useStages";
import { TagChip } from "@/ui/TagChip";

export type ContactsTableProps = {
  contacts: Contact[];
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
};

/** Contacts as a table with a checkbox per row for bulk actions. */
export function ContactsTable({ contacts, selected, onToggle, onToggleAll }: ContactsTableProps) {
  const { t, formatDate } = useI18n();
  const stages = useStages();
  const stageName = (key: string | null) => (key ? (stages.data?.find((stage) => stage.key === key)?.name ?? key) : "—");
  const allSelected = contacts.length > 0 && contacts.every((contact) => selected.has(contact.id));
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col" className="col-check">
              <input type="checkbox" checked={allSelected} onChange={onToggleAll} aria-label={t("contacts.selectAll")} />
            </th>
            <th scope="col">{t("contact.name")}</th>
            <th scope="col">{t("contact.phone")}</th>
            <th scope="col" className="hide-sm">
              {t("contact.email")}
            </th>
            <th scope="col">{t("crm.leadStatus")}</th>
            <th scope="col" className="hide-sm">
              {t("crm.tags")}
            </th>
            <th scope="col" className="hide-sm">
              {t("contacts.created")}
            </th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((contact) => {
            const name = contact.name || contact.phone || contact.email || t("contact.unnamed");
            return (
              <tr key={contact.id} className={selected.has(contact.id) ? "is-selected" : ""}>
                <td className="col-check">
                  <input type="checkbox" checked={selected.has(contact.id)} onChange={() => onToggle(contact.id)} aria-label={t("contacts.select", { name })} />
                </td>
                <td>
                  <Link to={`/contacts/${contact.id}`}>{name}</Link>
                </td>
                <td>{contact.phone ?? "—"}</td>
                <td className="hide-sm">{contact.email ?? "—"}</td>
                <td>{stageName(contact.stage_key)}</td>
                <td className="hide-sm">
                  <span className="chip-row">
                    {contact.tags.map((tag) => (
                      <TagChip key={tag.id} name={tag.name} color={tag.color} />
                    ))}
                  </span>
                </td>
                <td className="hide-sm">{formatDate(contact.created_at, "date")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
