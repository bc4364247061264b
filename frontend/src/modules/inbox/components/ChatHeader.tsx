import { ArrowLeft, FlaskConical, PanelRight } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";
import type { Conversation } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { AiToggle } from "@/modules/ai-conversation/components/AiToggle";
import { ChannelName } from "@/modules/inbox/components/ChannelName";
import { useUpdateConversation } from "@/modules/inbox/hooks/useUpdateConversation";
import { LeadMessageForm } from "@/modules/sandbox/components/LeadMessageForm";
import { useTeam } from "@/modules/workspace/hooks/useTeam";
import { Dialog } from "@/ui/Dialog";
import { IconButton } from "@/ui/IconButton";
import { SelectField } from "@/ui/SelectField";

export type ChatHeaderProps = { conversation: Conversation; detailsOpen: boolean; onToggleDetails: () => void };

/** Who the conversation is with, its status and assignee, and the side panel toggle. */
export function ChatHeader({ conversation, detailsOpen, onToggleDetails }: ChatHeaderProps) {
  const { t } = useI18n();
  const update = useUpdateConversation();
  const team = useTeam();
  const [simulate, setSimulate] = useState(false);
  const name = conversation.contact.name || conversation.contact.phone || t("contact.unnamed");
  const members = (team.data ?? []).filter((member) => member.is_active || member.id === conversation.assignee_id);

  return (
    <header className="chat-header">
      <Link to="/inbox" className="icon-btn chat-back" aria-label={t("chat.back")} title={t("chat.back")}>
        <ArrowLeft size={20} aria-hidden="true" />
      </Link>
      <div className="chat-title">
        <h2>{name}</h2>
        <p className="muted">
          {conversation.contact.phone} · <ChannelName channelId={conversation.channel_id} />
        </p>
      </div>
      <div className="chat-controls">
        <AiToggle conversation={conversation} />
        <SelectField
          label={t("conversation.status")}
          className="field-inline"
          value={conversation.status}
          onChange={(event) => update.mutate({ conversation, patch: { status: event.target.value as "open" | "pending" | "resolved" } })}
          options={(["open", "pending", "resolved"] as const).map((value) => ({ value, label: t(`status.${value}`) }))}
        />
        <SelectField
          label={t("conversation.assignee")}
          className="field-inline"
          value={conversation.assignee_id ?? ""}
          placeholder={t("conversation.unassigned")}
          onChange={(event) => update.mutate({ conversation, patch: { assignee_id: event.target.value || null } })}
          options={members.map((member) => ({ value: member.id, label: member.name }))}
        />
        {conversation.channel_type === "sandbox" && (
          <IconButton label={t("sandbox.simulate")} icon={<FlaskConical size={18} aria-hidden="true" />} onClick={() => setSimulate(true)} />
        )}
        <IconButton
          label={t("chat.details")}
          icon={<PanelRight size={18} aria-hidden="true" />}
          aria-pressed={detailsOpen}
          onClick={onToggleDetails}
          className="details-toggle"
        />
      </div>
      <Dialog open={simulate} title={t("sandbox.simulate")} onClose={() => setSimulate(false)} closeLabel={t("common.close")}>
        <p className="muted">{t("sandbox.simulateHint")}</p>
        <LeadMessageForm
          channelId={conversation.channel_id}
          from={conversation.contact.phone ?? undefined}
          name={conversation.contact.name ?? undefined}
          onSent={() => setSimulate(false)}
        />
      </Dialog>
    </header>
  );
}
