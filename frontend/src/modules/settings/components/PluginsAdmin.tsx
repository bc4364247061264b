import { useI18n } from "@/i18n/hooks/useI18n";
import { PluginCard } from "@/modules/plugins/components/PluginCard";
import { usePlugins } from "@/modules/plugins/hooks/usePlugins";
import { Spinner } from "@/ui/Spinner";

/** Every installed plugin, enabled or not for the company. */
export function PluginsAdmin({ canManage }: { canManage: boolean }) {
  const { t } = useI18n();
  const { list } = usePlugins();
  return (
    <section aria-labelledby="plugins-admin">
      <h2 id="plugins-admin">{t("settings.plugins")}</h2>
      <p className="muted">{t("plugins.intro")}</p>
      {list.isPending ? (
        <Spinner label={t("common.loading")} />
      ) : (
        <div className="card-grid">
          {list.data?.map((plugin) => (
            <PluginCard key={plugin.id} plugin={plugin} canManage={canManage} />
          ))}
        </div>
      )}
    </section>
  );
}
