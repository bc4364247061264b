import { useState } from "react";
import type { Plugin } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { JsonSchemaForm } from "@/modules/plugins/components/JsonSchemaForm";
import { usePlugins } from "@/modules/plugins/hooks/usePlugins";
import { usePluginSettings } from "@/modules/plugins/hooks/usePluginSettings";
import type { JsonSchema } from "@/modules/plugins/types/JsonSchema";
import { Button } from "@/ui/Button";
import { useConfirm } from "@/ui/confirm/useConfirm";
import { Spinner } from "@/ui/Spinner";
import { useNotify } from "@/ui/toast/useNotify";

/** A plugin: enable or disable it for the company, and its settings form. */
export function PluginCard({ plugin, canManage }: { plugin: Plugin; canManage: boolean }) {
  const { t } = useI18n();
  const { toggle } = usePlugins();
  const schema = plugin.settings_schema as JsonSchema;
  const hasSettings = Object.keys(schema.properties ?? {}).length > 0;
  const [open, setOpen] = useState(false);
  const { settings, save } = usePluginSettings(plugin.id, open && canManage);
  const confirm = useConfirm();
  const notify = useNotify();

  const setEnabled = async (enable: boolean) => {
    if (!enable && !(await confirm({ title: t("plugins.disableTitle", { name: plugin.id }), body: t("plugins.disableBody"), confirmLabel: t("plugins.disable"), destructive: true }))) return;
    toggle.mutate({ id: plugin.id, enable }, { onSuccess: () => notify.success(t(enable ? "plugins.enabled" : "plugins.disabled", { name: plugin.id })), onError: notify.error });
  };

  return (
    <article className="card plugin-card" aria-labelledby={`plugin-${plugin.id}`}>
      <header className="row">
        <h3 id={`plugin-${plugin.id}`}>{plugin.id}</h3>
        <span className="muted">v{plugin.version}</span>
        <span className={`status-pill ${plugin.enabled ? "status-open" : "status-resolved"}`}>{plugin.enabled ? t("plugins.on") : t("plugins.off")}</span>
      </header>
      {canManage && (
        <div className="row">
          <Button size="sm" variant={plugin.enabled ? "secondary" : "primary"} busy={toggle.isPending} onClick={() => void setEnabled(!plugin.enabled)} aria-label={t(plugin.enabled ? "plugins.disableNamed" : "plugins.enableNamed", { name: plugin.id })}>
            {plugin.enabled ? t("plugins.disable") : t("plugins.enable")}
          </Button>
          {hasSettings && (
            <Button size="sm" variant="ghost" aria-expanded={open} onClick={() => setOpen((value) => !value)} aria-label={t("plugins.settingsNamed", { name: plugin.id })}>
              {t("plugins.settings")}
            </Button>
          )}
        </div>
      )}
      {open &&
        (settings.data ? (
          <JsonSchemaForm
            schema={schema}
            settings={settings.data}
            busy={save.isPending}
            error={save.error}
            onSubmit={(body) => save.mutate(body, { onSuccess: () => notify.success(t("common.saved")), onError: notify.error })}
          />
        ) : (
          <Spinner label={t("common.loading")} />
        ))}
    </article>
  );
}
