import { type FormEvent, useState } from "react";
import { ApiError } from "@/api/ApiError";
import type { Channel } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { CopyField } from "@/modules/channels/components/CopyField";
import { useChannelMutations } from "@/modules/channels/hooks/useChannelMutations";
import { absoluteWebhookUrl } from "@/modules/channels/utils/absoluteWebhookUrl";
import { randomToken } from "@/modules/channels/utils/randomToken";
import { Button } from "@/ui/Button";
import { TextField } from "@/ui/TextField";
import { useNotify } from "@/ui/toast/useNotify";

/**
 * Connect a WhatsApp Business number (Cloud API) in two steps: the Meta credentials, then the
 * webhook URL and verify token to paste into Meta's App Dashboard.
 */
export function WhatsAppConnectForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { create } = useChannelMutations();
  const notify = useNotify();
  const [verifyToken] = useState(() => randomToken());
  const [connected, setConnected] = useState<Channel | null>(null);
  const fieldError = (field: string) => (create.error instanceof ApiError ? create.error.fieldMessage(field) : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    const config: Record<string, unknown> = {
      phone_number_id: value("phone_number_id"),
      waba_id: value("waba_id"),
      access_token: value("access_token"),
      verify_token: value("verify_token"),
    };
    if (value("app_secret")) config.app_secret = value("app_secret");
    if (value("display_phone_number")) config.display_phone_number = value("display_phone_number");
    create.mutate(
      { type: "whatsapp_cloud", name: value("name"), config },
      { onSuccess: setConnected, onError: (error) => !(error instanceof ApiError && error.fieldErrors.length > 0) && notify.error(error) },
    );
  };

  if (connected) {
    return (
      <div className="form">
        <p role="status">{t("whatsapp.connected", { name: connected.name })}</p>
        <ol className="steps">
          <li>{t("whatsapp.stepOpenMeta")}</li>
          <li>
            {t("whatsapp.stepPaste")}
            <CopyField label={t("whatsapp.callbackUrl")} value={absoluteWebhookUrl(connected.webhook_url)} />
            <CopyField label={t("whatsapp.verifyToken")} value={String(connected.config.verify_token ?? verifyToken)} />
          </li>
          <li>{t("whatsapp.stepSubscribe")}</li>
        </ol>
        <Button variant="primary" onClick={onDone}>
          {t("common.done")}
        </Button>
      </div>
    );
  }

  return (
    <form className="form" onSubmit={submit}>
      <p className="muted">{t("whatsapp.intro")}</p>
      <TextField label={t("channels.name")} name="name" required defaultValue="WhatsApp" error={fieldError("name")} />
      <TextField label={t("whatsapp.phoneNumberId")} name="phone_number_id" required inputMode="numeric" hint={t("whatsapp.phoneNumberIdHint")} error={fieldError("config.phone_number_id")} />
      <TextField label={t("whatsapp.wabaId")} name="waba_id" required inputMode="numeric" hint={t("whatsapp.wabaIdHint")} error={fieldError("config.waba_id")} />
      <TextField label={t("whatsapp.accessToken")} name="access_token" type="password" required autoComplete="off" hint={t("whatsapp.accessTokenHint")} error={fieldError("config.access_token")} />
      <TextField label={t("whatsapp.appSecret")} name="app_secret" type="password" autoComplete="off" hint={t("whatsapp.appSecretHint")} error={fieldError("config.app_secret")} />
      <TextField label={t("whatsapp.verifyToken")} name="verify_token" required defaultValue={verifyToken} hint={t("whatsapp.verifyTokenHint")} error={fieldError("config.verify_token")} />
      <TextField label={t("whatsapp.displayNumber")} name="display_phone_number" type="tel" error={fieldError("config.display_phone_number")} />
      <Button type="submit" variant="primary" busy={create.isPending}>
        {t("whatsapp.connect")}
      </Button>
    </form>
  );
}
