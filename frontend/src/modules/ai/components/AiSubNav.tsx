import type { MouseEvent } from "react";
import { NavLink, useNavigate } from "react-router";
import { useI18n } from "@/i18n/hooks/useI18n";
import type { MessageKey } from "@/i18n/types/MessageKey";
import { useConfirm } from "@/ui/confirm/useConfirm";

const LINKS: { to: string; label: MessageKey; end?: boolean }[] = [
  { to: "/ai", label: "ai.nav.settings", end: true },
  { to: "/ai/knowledge", label: "ai.nav.knowledge" },
  { to: "/ai/test", label: "ai.nav.test" },
  { to: "/ai/board", label: "ai.nav.board" },
];

export type AiSubNavProps = { dirty?: boolean };

/** Tabs between the AI agent's pages; with unsaved changes on the page, leaving asks first. */
export function AiSubNav({ dirty = false }: AiSubNavProps) {
  const { t } = useI18n();
  const confirm = useConfirm();
  const navigate = useNavigate();

  const guard = (to: string) => async (event: MouseEvent<HTMLAnchorElement>) => {
    if (!dirty || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    if (await confirm({ title: t("ai.settings.leaveTitle"), body: t("ai.settings.leaveBody"), confirmLabel: t("ai.settings.leave"), destructive: true })) navigate(to);
  };

  return (
    <nav className="tabs" aria-label={t("ai.nav.label")}>
      {LINKS.map((link) => (
        <NavLink key={link.to} to={link.to} end={link.end} className="tab" onClick={(event) => void guard(link.to)(event)}>
          {t(link.label)}
        </NavLink>
      ))}
    </nav>
  );
}
