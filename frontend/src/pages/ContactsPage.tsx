import { UserPlus } from "lucide-react";
import { useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { useSearchParamInput } from "@/hooks/useSearchParamInput";
import { useSetSearchParam } from "@/hooks/useSetSearchParam";
import { useI18n } from "@/i18n/hooks/useI18n";
import { BulkActions } from "@/modules/contacts/components/BulkActions";
import { ContactsTable } from "@/modules/contacts/components/ContactsTable";
import { NewContactDialog } from "@/modules/contacts/components/NewContactDialog";
import { useContacts } from "@/modules/contacts/hooks/useContacts";
import type { ContactFilters } from "@/modules/contacts/types/ContactFilters";
import { useStages } from "@/modules/workspace/hooks/useStages";
import { useTags } from "@/modules/workspace/hooks/useTags";
import { useTeam } from "@/modules/workspace/hooks/useTeam";
import { Button } from "@/ui/Button";
import { EmptyState } from "@/ui/EmptyState";
import { SelectField } from "@/ui/SelectField";
import { Spinner } from "@/ui/Spinner";
import { TextField } from "@/ui/TextField";

/** /contacts: every contact, filtered, with bulk actions. */
export function ContactsPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const set = useSetSearchParam();
  const [search, setSearch] = useSearchParamInput("q");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [creating, setCreating] = useState(false);
  const tags = useTags();
  const stages = useStages();
  const team = useTeam();
  const filters = useMemo<ContactFilters>(() => {
    const value: ContactFilters = {};
    for (const key of ["q", "tag", "stage", "assignee"] as const) {
      const item = params.get(key);
      if (item) value[key] = item;
    }
    return value;
  }, [params]);
  const contacts = useContacts(filters);
  const rows = contacts.data?.pages.flatMap((page) => page.items) ?? [];


  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => setSelected((current) => (rows.every((row) => current.has(row.id)) ? new Set() : new Set(rows.map((row) => row.id))));

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t("nav.contacts")}</h1>
        <Button variant="primary" onClick={() => setCreating(true)}>
          <UserPlus size={16} aria-hidden="true" /> {t("contacts.new")}
        </Button>
      </header>
      <div className="toolbar">
        <TextField label={t("contacts.search")} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        <SelectField label={t("crm.leadStatus")} value={params.get("stage") ?? ""} placeholder={t("filter.any")} onChange={(event) => set("stage", event.target.value)} options={(stages.data ?? []).map((stage) => ({ value: stage.key, label: stage.name }))} />
        <SelectField label={t("crm.tag")} value={params.get("tag") ?? ""} placeholder={t("filter.any")} onChange={(event) => set("tag", event.target.value)} options={(tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))} />
        <SelectField
          label={t("crm.owner")}
          value={params.get("assignee") ?? ""}
          placeholder={t("filter.anyone")}
          onChange={(event) => set("assignee", event.target.value)}
          options={[{ value: "me", label: t("filter.me") }, { value: "unassigned", label: t("conversation.unassigned") }, ...(team.data ?? []).map((member) => ({ value: member.id, label: member.name }))]}
        />
      </div>
      {selected.size > 0 && <BulkActions ids={[...selected]} onDone={() => setSelected(new Set())} />}
      {contacts.isPending ? (
        <Spinner label={t("common.loading")} />
      ) : rows.length === 0 ? (
        <EmptyState title={t(Object.keys(filters).length ? "contacts.noMatch" : "contacts.empty")} />
      ) : (
        <>
          <ContactsTable contacts={rows} selected={selected} onToggle={toggle} onToggleAll={toggleAll} />
          {contacts.hasNextPage && (
            <Button variant="ghost" busy={contacts.isFetchingNextPage} onClick={() => void contacts.fetchNextPage()}>
              {t("common.loadMore")}
            </Button>
          )}
        </>
      )}
      <NewContactDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
