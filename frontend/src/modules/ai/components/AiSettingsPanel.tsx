import type { Plugin } from "@/api/schemas";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import { AiSettingsEditor } from "@/modules/ai/components/AiSettingsEditor";
import { AiUsageSummary } from "@/modules/ai/components/AiUsageSummary";
import { useAiPlugin } from "@/modules/ai/hooks/useAiPlugin";
import { usePluginSettings } from "@/modules/plugins/hooks/usePluginSettings";
import type { JsonSchema } from "@/modules/plugins/types/JsonSchema";
import { Button } from "@/ui/Button";
import { useConfirm } from "@/ui/confirm/useConfirm";
import { Spinner } from "@/ui/Spinner";
import { useNotify } from "@/ui/toast/useNotify";

export type AiSettingsPanelProps = { plugin: Plugin; canManage: boolean; onDirtyChange: (dirty: boolean) => void };

/** The settings tab: the agent's settings form, whether it is on (and switching it off), and its usage. Admins only. */
export function AiSettingsPanel({ plugin, canManage, onDirtyChange }: AiSettingsPanelProps) {
  const { t } = useI18n();
  const { settings, save } = usePluginSettings(plugin.id, canManage);
  const { toggle } = useAiPlugin();
  const confirm = useConfirm();
  const notify = useNotify();

  if (!canManage) return <p className="card muted">{t("ai.settings.adminsOnly")}</p>;

  const disable = async () => {
    const ok = await confirm({ title: t("ai.disableTitle"), body: t("ai.disableBody"), confirmLabel: t("ai.disable"), destructive: true });
    if (ok) toggle.mutate({ id: plugin.id, enable: false }, { onSuccess: () => notify.success(t("ai.disabled")), onError: notify.error });
  };

  return (
    <div className="ai-settings-layout">
      <div className="ai-settings-main">
        {settings.data ? (
          <AiSettingsEditor
            schema={plugin.settings_schema as JsonSchema}
            settings={settings.data}
            busy={save.isPending}
            error={save.error}
            onDirtyChange={onDirtyChange}
            onSave={(body, done) =>
              save.mutate(body, {
                onSuccess: (saved) => {
                  done(saved);
                  notify.success(t("common.saved"));
                },
                onError: (error) => !(error instanceof ApiError && error.fieldErrors.length > 0) && notify.error(error),
              })
            }
          />
        ) : (
          <Spinner label={t("common.loading")} />
        )}
      </div>
      <aside className="ai-settings-aside">
        <section className="card" aria-labelledby="ai-state">
          <h2 id="ai-state">{t("ai.state")}</h2>
          <p className="small">{t("ai.stateOn")}</p>
          <Button variant="danger" size="sm" busy={toggle.isPending} onClick={() => void disable()}>
            {t("ai.disable")}
          </Button>
        </section>
        <AiUsageSummary />
      </aside>
    </div>
  );
}
