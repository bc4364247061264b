import { FlaskConical, MessageCircle } from "lucide-react";
import { Link } from "react-router";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useMe } from "@/modules/auth/hooks/useMe";
import { hasRole } from "@/modules/layout/utils/hasRole";
import { LeadMessageForm } from "@/modules/sandbox/components/LeadMessageForm";
import { useOpenSandbox } from "@/modules/sandbox/hooks/useOpenSandbox";
import { useChannels } from "@/modules/workspace/hooks/useChannels";
import { Button } from "@/ui/Button";
import { useNotify } from "@/ui/toast/useNotify";

/**
 * The empty inbox of a new company explains what to do: connect WhatsApp, or open a sandbox
 * channel and write a test message as a lead (it then appears here, live).
 */
export function FirstRun() {
  const { t } = useI18n();
  const me = useMe();
  const channels = useChannels();
  const openSandbox = useOpenSandbox();
  const notify = useNotify();
  const sandbox = channels.data?.find((channel) => channel.type === "sandbox");
  const isAdmin = hasRole(me.data?.role, "admin");

  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t("firstRun.title")}</h2>
      <p className="muted">{t("firstRun.intro")}</p>
      <div className="first-run-options">
        <article className="card">
          <h3>
            <MessageCircle size={18} aria-hidden="true" /> {t("firstRun.whatsappTitle")}
          </h3>
          <p>{t("firstRun.whatsappBody")}</p>
          <Link className="btn btn-primary" to="/channels?connect=whatsapp_cloud">
            {t("firstRun.whatsappAction")}
          </Link>
        </article>
        <article className="card">
          <h3>
            <FlaskConical size={18} aria-hidden="true" /> {t("firstRun.sandboxTitle")}
          </h3>
          <p>{t("firstRun.sandboxBody")}</p>
          {sandbox ? (
            <LeadMessageForm channelId={sandbox.id} />
          ) : isAdmin ? (
            <Button
              variant="primary"
              busy={openSandbox.isPending}
              onClick={() => openSandbox.mutate({ name: t("firstRun.sandboxChannelName") }, { onError: notify.error })}
            >
              {t("firstRun.sandboxAction")}
            </Button>
          ) : (
            <p className="muted">{t("firstRun.askAdmin")}</p>
          )}
        </article>
      </div>
    </section>
  );
}
