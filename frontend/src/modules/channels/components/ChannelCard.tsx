import { AlertTriangle, CheckCircle2, FlaskConical, Trash2 } from "lucide-react";
import { useState } from "react";
import type { Channel } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { CopyField } from "@/modules/channels/components/CopyField";
import { useChannelMutations } from "@/modules/channels/hooks/useChannelMutations";
import { absoluteWebhookUrl } from "@/modules/channels/utils/absoluteWebhookUrl";
import { LeadMessageForm } from "@/modules/sandbox/components/LeadMessageForm";
import { Button } from "@/ui/Button";
import { useConfirm } from "@/ui/confirm/useConfirm";
import { Dialog } from "@/ui/Dialog";
import { useNotify } from "@/ui/toast/useNotify";

export type ChannelCardProps = { channel: Channel; canManage: boolean };

/** A connected channel: its health (last event, last error), its webhook URL and actions. */
export function ChannelCard({ channel, canManage }: ChannelCardProps) {
  const { t, formatDate } = useI18n();
  const { remove } = useChannelMutations();
  const confirm = useConfirm();
  const notify = useNotify();
  const [simulate, setSimulate] = useState(false);
  const failing = Boolean(channel.last_error) && (!channel.last_event_at || (channel.last_error_at ?? "") > channel.last_event_at);

  const disconnect = async () => {
    const ok = await confirm({ title: t("channels.deleteTitle", { name: channel.name }), body: t("channels.deleteBody"), confirmLabel: t("channels.delete"), destructive: true });
    if (ok) remove.mutate(channel.id, { onSuccess: () => notify.success(t("channels.deleted")), onError: notify.error });
  };

  return (
    <article className="card channel-card" aria-labelledby={`channel-${channel.id}`}>
      <header className="row">
        <h2 id={`channel-${channel.id}`}>{channel.name}</h2>
        <span className="muted">{channel.type}</span>
        <span className={`health ${failing ? "health-bad" : "health-ok"}`}>
          {failing ? <AlertTriangle size={14} aria-hidden="true" /> : <CheckCircle2 size={14} aria-hidden="true" />}
          {failing ? t("channels.failing") : t("channels.healthy")}
        </span>
      </header>
      <dl className="definition">
        <dt>{t("channels.lastEvent")}</dt>
        <dd>{channel.last_event_at ? formatDate(channel.last_event_at) : t("channels.never")}</dd>
        {channel.last_error && (
          <>
            <dt>{t("channels.lastError")}</dt>
            <dd className="error-text">
              {channel.last_error}
              {channel.last_error_at && <span className="muted"> · {formatDate(channel.last_error_at)}</span>}
            </dd>
          </>
        )}
      </dl>
      {channel.type !== "sandbox" && <CopyField label={t("whatsapp.callbackUrl")} value={absoluteWebhookUrl(channel.webhook_url)} />}
      {typeof channel.config.verify_token === "string" && <CopyField label={t("whatsapp.verifyToken")} value={channel.config.verify_token} />}
      <footer className="row">
        {channel.type === "sandbox" && (
          <Button size="sm" onClick={() => setSimulate(true)}>
            <FlaskConical size={14} aria-hidden="true" /> {t("sandbox.simulate")}
          </Button>
        )}
        {canManage && (
          <Button size="sm" variant="danger" busy={remove.isPending} onClick={() => void disconnect()}>
            <Trash2 size={14} aria-hidden="true" /> {t("channels.delete")}
          </Button>
        )}
      </footer>
      <Dialog open={simulate} title={t("sandbox.simulate")} onClose={() => setSimulate(false)} closeLabel={t("common.close")}>
        <p className="muted">{t("sandbox.simulateHint")}</p>
        <LeadMessageForm channelId={channel.id} onSent={() => setSimulate(false)} />
      </Dialog>
    </article>
  );
}
