import { LogOut, Search } from "lucide-react";
import { NavLink } from "react-router";
import { navRegistry } from "@/app/navRegistry";
import type { Me } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useAuthActions } from "@/modules/auth/hooks/useAuthActions";
import { LanguageSwitcher } from "@/modules/layout/components/LanguageSwitcher";
import { RealtimeIndicator } from "@/modules/layout/components/RealtimeIndicator";
import { TenantSwitcher } from "@/modules/layout/components/TenantSwitcher";
import { hasRole } from "@/modules/layout/utils/hasRole";

export type SidebarProps = { me: Me | undefined; onOpenPalette: () => void };

/** The main navigation (a tab bar on phones), the company, the language and sign-out. */
export function Sidebar({ me, onOpenPalette }: SidebarProps) {
  const { t } = useI18n();
  const { logout } = useAuthActions();
  const items = navRegistry.filter((item) => !item.minRole || hasRole(me?.role, item.minRole));
  return (
    <aside className="sidebar">
      <div className="sidebar-brand">
        <span className="brand-mark" aria-hidden="true">
          A
        </span>
        <span className="brand-name">{me?.tenant.name ?? "Atrium"}</span>
      </div>
      <nav aria-label={t("nav.main")}>
        <ul className="nav-list">
          {items.map((item) => (
            <li key={item.to} className={item.primary ? "nav-primary" : "nav-secondary"}>
              <NavLink to={item.to} className="nav-link">
                <item.icon size={20} aria-hidden="true" />
                <span>{t(item.label)}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-footer">
        <button type="button" className="nav-link palette-button" onClick={onOpenPalette}>
          <Search size={18} aria-hidden="true" />
          <span>{t("palette.open")}</span>
          <kbd>Ctrl K</kbd>
        </button>
        {me && <TenantSwitcher me={me} />}
        <LanguageSwitcher />
        <RealtimeIndicator />
        {me && (
          <p className="sidebar-user">
            {me.user.name}
            <span className="muted"> · {t(`role.${me.role as "agent" | "admin" | "owner"}`)}</span>
          </p>
        )}
        <button type="button" className="nav-link" onClick={() => void logout()}>
          <LogOut size={18} aria-hidden="true" />
          <span>{t("auth.logout")}</span>
        </button>
      </div>
    </aside>
  );
}
