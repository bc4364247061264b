import { ListFilter } from "lucide-react";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { useDebouncedValue } from "@/hooks/useDebouncedValue";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useChannels } from "@/modules/workspace/hooks/useChannels";
import { useStages } from "@/modules/workspace/hooks/useStages";
import { useTags } from "@/modules/workspace/hooks/useTags";
import { useTeam } from "@/modules/workspace/hooks/useTeam";
import { SelectField } from "@/ui/SelectField";
import { TextField } from "@/ui/TextField";

/** Search and filters of the conversation list, kept in the URL. */
export function ConversationFiltersBar() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [expanded, setExpanded] = useState(false);
  const q = useDebouncedValue(search, 300);
  const channels = useChannels();
  const tags = useTags();
  const stages = useStages();
  const team = useTeam();

  const set = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if ((params.get("q") ?? "") !== q.trim()) set("q", q.trim());
    // only when the debounced search changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const active = ["status", "channel_id", "assignee", "tag", "stage", "unread"].filter((key) => params.get(key)).length;

  return (
    <div className="filters">
      <div className="filters-search">
        <TextField label={t("inbox.search")} type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder={t("inbox.searchPlaceholder")} />
        <button type="button" className="icon-btn filters-toggle" aria-expanded={expanded} aria-controls="inbox-filters" onClick={() => setExpanded((value) => !value)}>
          <ListFilter size={18} aria-hidden="true" />
          <span className="sr-only">{t("inbox.filters")}</span>
          {active > 0 && <span className="badge">{active}</span>}
        </button>
      </div>
      {expanded && (
      <fieldset id="inbox-filters" className="filters-grid">
        <legend className="sr-only">{t("inbox.filters")}</legend>
        <SelectField
          label={t("conversation.status")}
          value={params.get("status") ?? ""}
          placeholder={t("filter.any")}
          onChange={(event) => set("status", event.target.value)}
          options={(["open", "pending", "resolved"] as const).map((value) => ({ value, label: t(`status.${value}`) }))}
        />
        <SelectField
          label={t("conversation.assignee")}
          value={params.get("assignee") ?? ""}
          placeholder={t("filter.anyone")}
          onChange={(event) => set("assignee", event.target.value)}
          options={[
            { value: "me", label: t("filter.me") },
            { value: "unassigned", label: t("conversation.unassigned") },
            ...(team.data ?? []).map((member) => ({ value: member.id, label: member.name })),
          ]}
        />
        <SelectField
          label={t("inbox.channel")}
          value={params.get("channel_id") ?? ""}
          placeholder={t("filter.any")}
          onChange={(event) => set("channel_id", event.target.value)}
          options={(channels.data ?? []).map((channel) => ({ value: channel.id, label: channel.name }))}
        />
        <SelectField
          label={t("crm.tag")}
          value={params.get("tag") ?? ""}
          placeholder={t("filter.any")}
          onChange={(event) => set("tag", event.target.value)}
          options={(tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
        />
        <SelectField
          label={t("crm.leadStatus")}
          value={params.get("stage") ?? ""}
          placeholder={t("filter.any")}
          onChange={(event) => set("stage", event.target.value)}
          options={(stages.data ?? []).map((stage) => ({ value: stage.key, label: stage.name }))}
        />
        <SelectField
          label={t("inbox.unread")}
          value={params.get("unread") ?? ""}
          placeholder={t("filter.any")}
          onChange={(event) => set("unread", event.target.value)}
          options={[
            { value: "true", label: t("inbox.unreadOnly") },
            { value: "false", label: t("inbox.readOnly") },
          ]}
        />
      </fieldset>
      )}
    </div>
  );
}
