import { NavLink, useParams } from "react-router";
import { useI18n } from "@/i18n/hooks/useI18n";
import type { MessageKey } from "@/i18n/types/MessageKey";
import { useMe } from "@/modules/auth/hooks/useMe";
import { hasRole } from "@/modules/layout/utils/hasRole";
import { GeneralSettings } from "@/modules/settings/components/GeneralSettings";
import { PluginsAdmin } from "@/modules/settings/components/PluginsAdmin";
import { TagsAdmin } from "@/modules/settings/components/TagsAdmin";

const SECTIONS: { id: string; label: MessageKey }[] = [
  { id: "general", label: "settings.general" },
  { id: "tags", label: "settings.tags" },
  { id: "plugins", label: "settings.plugins" },
];

/** /settings and /settings/:section: the company, tags and plugins. */
export function SettingsPage() {
  const { t } = useI18n();
  const { section = "general" } = useParams();
  const canManage = hasRole(useMe().data?.role, "admin");
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t("nav.settings")}</h1>
      </header>
      <nav className="tabs" aria-label={t("nav.settings")}>
        {SECTIONS.map((item) => (
          <NavLink key={item.id} to={item.id === "general" ? "/settings" : `/settings/${item.id}`} end className="tab">
            {t(item.label)}
          </NavLink>
        ))}
      </nav>
      {section === "tags" ? <TagsAdmin canManage={canManage} /> : section === "plugins" ? <PluginsAdmin canManage={canManage} /> : <GeneralSettings canManage={canManage} />}
    </div>
  );
}
