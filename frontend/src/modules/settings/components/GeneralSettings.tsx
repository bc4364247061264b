import { type FormEvent, useMemo } from "react";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import { LanguageSwitcher } from "@/modules/layout/components/LanguageSwitcher";
import { useTenantSettings } from "@/modules/settings/hooks/useTenantSettings";
import { Button } from "@/ui/Button";
import { SelectField } from "@/ui/SelectField";
import { Spinner } from "@/ui/Spinner";
import { TextField } from "@/ui/TextField";
import { useNotify } from "@/ui/toast/useNotify";

const FALLBACK_ZONES = ["America/Sao_Paulo", "America/Manaus", "America/Fortaleza", "America/Recife", "America/Belem", "America/Cuiaba", "America/Porto_Velho", "America/Rio_Branco", "America/Noronha", "UTC"];

/** Company settings (name, default language, time zone) and this browser's language. */
export function GeneralSettings({ canManage }: { canManage: boolean }) {
  const { t } = useI18n();
  const { settings, save } = useTenantSettings();
  const notify = useNotify();
  const zones = useMemo(() => {
    const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone");
    return supported && supported.length > 0 ? supported : FALLBACK_ZONES;
  }, []);
  const fieldError = (field: string) => (save.error instanceof ApiError ? save.error.fieldMessage(field) : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate(
      { name: String(form.get("name")), locale: String(form.get("locale")) as "pt-BR" | "en", timezone: String(form.get("timezone")) },
      { onSuccess: () => notify.success(t("common.saved")), onError: (error) => !(error instanceof ApiError && error.fieldErrors.length > 0) && notify.error(error) },
    );
  };

  return (
    <div className="settings-grid">
      <section className="card" aria-labelledby="company-settings">
        <h2 id="company-settings">{t("settings.company")}</h2>
        {!settings.data ? (
          <Spinner label={t("common.loading")} />
        ) : (
          <form className="form" onSubmit={submit} key={settings.data.name + settings.data.locale + settings.data.timezone}>
            <TextField label={t("settings.companyName")} name="name" defaultValue={settings.data.name} required disabled={!canManage} error={fieldError("name")} />
            <SelectField
              label={t("settings.companyLanguage")}
              name="locale"
              defaultValue={settings.data.locale}
              disabled={!canManage}
              hint={t("settings.companyLanguageHint")}
              options={[
                { value: "pt-BR", label: "Português (Brasil)" },
                { value: "en", label: "English" },
              ]}
            />
            <SelectField
              label={t("settings.timezone")}
              name="timezone"
              defaultValue={settings.data.timezone}
              disabled={!canManage}
              hint={t("settings.timezoneHint")}
              error={fieldError("timezone")}
              options={(zones.includes(settings.data.timezone) ? zones : [settings.data.timezone, ...zones]).map((zone) => ({ value: zone, label: zone.replace(/_/g, " ") }))}
            />
            <p className="muted small">
              {t("settings.address")}: <code>{settings.data.slug}</code>
            </p>
            {canManage && (
              <Button type="submit" variant="primary" busy={save.isPending}>
                {t("common.save")}
              </Button>
            )}
          </form>
        )}
      </section>
      <section className="card" aria-labelledby="personal-settings">
        <h2 id="personal-settings">{t("settings.personal")}</h2>
        <LanguageSwitcher />
        <p className="muted small">{t("settings.personalHint")}</p>
      </section>
    </div>
  );
}
