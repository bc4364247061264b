import { FlaskConical, MessageCircle } from "lucide-react";
import { useSearchParams } from "react-router";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useMe } from "@/modules/auth/hooks/useMe";
import { ChannelCard } from "@/modules/channels/components/ChannelCard";
import { WhatsAppConnectForm } from "@/modules/channels/components/WhatsAppConnectForm";
import { hasRole } from "@/modules/layout/utils/hasRole";
import { useOpenSandbox } from "@/modules/sandbox/hooks/useOpenSandbox";
import { useChannels } from "@/modules/workspace/hooks/useChannels";
import { Button } from "@/ui/Button";
import { Dialog } from "@/ui/Dialog";
import { EmptyState } from "@/ui/EmptyState";
import { Spinner } from "@/ui/Spinner";
import { useNotify } from "@/ui/toast/useNotify";

/** /channels: connected channels and their health; connect WhatsApp or a sandbox. */
export function ChannelsPage() {
  const { t } = useI18n();
  const me = useMe();
  const channels = useChannels();
  const openSandbox = useOpenSandbox();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const connecting = params.get("connect") === "whatsapp_cloud";
  const canManage = hasRole(me.data?.role, "admin");
  const setConnecting = (open: boolean) => setParams(open ? { connect: "whatsapp_cloud" } : {}, { replace: true });

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t("nav.channels")}</h1>
        {canManage && (
          <div className="row">
            <Button variant="primary" onClick={() => setConnecting(true)}>
              <MessageCircle size={16} aria-hidden="true" /> {t("channels.connectWhatsapp")}
            </Button>
            <Button
              busy={openSandbox.isPending}
              onClick={() => openSandbox.mutate({ name: t("firstRun.sandboxChannelName") }, { onSuccess: () => notify.success(t("channels.sandboxReady")), onError: notify.error })}
            >
              <FlaskConical size={16} aria-hidden="true" /> {t("channels.addSandbox")}
            </Button>
          </div>
        )}
      </header>
      {channels.isPending ? (
        <Spinner label={t("common.loading")} />
      ) : channels.data?.length === 0 ? (
        <EmptyState title={t("channels.empty")}>
          <p className="muted">{t("channels.emptyHint")}</p>
        </EmptyState>
      ) : (
        <div className="card-grid">
          {channels.data?.map((channel) => (
            <ChannelCard key={channel.id} channel={channel} canManage={canManage} />
          ))}
        </div>
      )}
      <Dialog open={connecting && canManage} title={t("channels.connectWhatsapp")} onClose={() => setConnecting(false)} closeLabel={t("common.close")} size="lg">
        <WhatsAppConnectForm onDone={() => setConnecting(false)} />
      </Dialog>
    </div>
  );
}
