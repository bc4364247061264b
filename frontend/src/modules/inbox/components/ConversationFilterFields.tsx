import { useI18n } from "@/i18n/hooks/useI18n";
import { useChannels } from "@/modules/workspace/hooks/useChannels";
import { useStages } from "@/modules/workspace/hooks/useStages";
import { useTags } from "@/modules/workspace/hooks/useTags";
import { useTeam } from "@/modules/workspace/hooks/useTeam";
import { SelectField } from "@/ui/SelectField";

export type ConversationFilterFieldsProps = { params: URLSearchParams; onChange: (key: string, value: string) => void };

/** The conversation list's filters: status, assignee, channel, tag, lead status, unread. */
export function ConversationFilterFields({ params, onChange }: ConversationFilterFieldsProps) {
  const { t } = useI18n();
  const channels = useChannels();
  const tags = useTags();
  const stages = useStages();
  const team = useTeam();
  return (
    <fieldset id="inbox-filters" className="filters-grid">
      <legend className="sr-only">{t("inbox.filters")}</legend>
      <SelectField
        label={t("conversation.status")}
        value={params.get("status") ?? ""}
        placeholder={t("filter.any")}
        onChange={(event) => onChange("status", event.target.value)}
        options={(["open", "pending", "resolved"] as const).map((value) => ({ value, label: t(`status.${value}`) }))}
      />
      <SelectField
        label={t("conversation.assignee")}
        value={params.get("assignee") ?? ""}
        placeholder={t("filter.anyone")}
        onChange={(event) => onChange("assignee", event.target.value)}
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
        onChange={(event) => onChange("channel_id", event.target.value)}
        options={(channels.data ?? []).map((channel) => ({ value: channel.id, label: channel.name }))}
      />
      <SelectField
        label={t("crm.tag")}
        value={params.get("tag") ?? ""}
        placeholder={t("filter.any")}
        onChange={(event) => onChange("tag", event.target.value)}
        options={(tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
      />
      <SelectField
        label={t("crm.leadStatus")}
        value={params.get("stage") ?? ""}
        placeholder={t("filter.any")}
        onChange={(event) => onChange("stage", event.target.value)}
        options={(stages.data ?? []).map((stage) => ({ value: stage.key, label: stage.name }))}
      />
      <SelectField
        label={t("inbox.unread")}
        value={params.get("unread") ?? ""}
        placeholder={t("filter.any")}
        onChange={(event) => onChange("unread", event.target.value)}
        options={[
          { value: "true", label: t("inbox.unreadOnly") },
          { value: "false", label: t("inbox.readOnly") },
        ]}
      />
    </fieldset>
  );
}
