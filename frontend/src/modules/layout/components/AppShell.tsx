import { Menu } from "lucide-react";
import { lazy, Suspense, useCallback, useState } from "react";
import { Outlet, useLocation } from "react-router";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useMe } from "@/modules/auth/hooks/useMe";
import { usePaletteShortcut } from "@/modules/command-palette/hooks/usePaletteShortcut";
import { InvitationsNotice } from "@/modules/layout/components/InvitationsNotice";
import { Sidebar } from "@/modules/layout/components/Sidebar";
import { useRealtime } from "@/modules/realtime/hooks/useRealtime";
import { Spinner } from "@/ui/Spinner";

const CommandPalette = lazy(async () => ({
  default: (await import("@/modules/command-palette/components/CommandPalette")).CommandPalette,
}));

/** The signed-in frame: navigation, the page, the command palette and the realtime stream. */
export function AppShell() {
  const { t } = useI18n();
  const me = useMe();
  const location = useLocation();
  // The phone menu is open on the page where it was opened: following a link closes it.
  const [menuPath, setMenuPath] = useState<string | null>(null);
  const menuOpen = menuPath === location.pathname;
  const setMenuOpen = (open: boolean) => setMenuPath(open ? location.pathname : null);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [paletteLoaded, setPaletteLoaded] = useState(false);
  useRealtime();

  const togglePalette = useCallback(() => {
    setPaletteLoaded(true);
    setPaletteOpen((open) => !open);
  }, []);
  usePaletteShortcut(togglePalette);

  return (
    <div className={`shell ${menuOpen ? "menu-open" : ""}`}>
      <a href="#main" className="skip-link">
        {t("layout.skipToContent")}
      </a>
      <header className="topbar">
        <button type="button" className="icon-btn" aria-expanded={menuOpen} aria-controls="sidebar" onClick={() => setMenuOpen(!menuOpen)}>
          <Menu size={20} aria-hidden="true" />
          <span className="sr-only">{t("layout.menu")}</span>
        </button>
        <span className="brand-name">{me.data?.tenant.name ?? "Atrium"}</span>
      </header>
      <div id="sidebar" className="sidebar-wrap">
        <Sidebar me={me.data} onOpenPalette={togglePalette} />
      </div>
      {menuOpen && <div className="scrim" aria-hidden="true" onClick={() => setMenuOpen(false)} />}
      <main id="main" className="main" tabIndex={-1}>
        {me.data && <InvitationsNotice me={me.data} />}
        <Suspense fallback={<Spinner label={t("common.loading")} />}>
          <Outlet />
        </Suspense>
      </main>
      {paletteLoaded && (
        <Suspense fallback={null}>
          <CommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} />
        </Suspense>
      )}
    </div>
  );
}
