import { Bot } from "lucide-react";
import type { ReactNode } from "react";
import type { Plugin } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useMe } from "@/modules/auth/hooks/useMe";
import { AiSubNav } from "@/modules/ai/components/AiSubNav";
import { useAiPlugin } from "@/modules/ai/hooks/useAiPlugin";
import { hasRole } from "@/modules/layout/utils/hasRole";
import { Button } from "@/ui/Button";
import { EmptyState } from "@/ui/EmptyState";
import { Spinner } from "@/ui/Spinner";
import { useNotify } from "@/ui/toast/useNotify";

export type AiPageFrameProps = {
  /** The page's content, shown once the agent is enabled for the company. */
  children: (plugin: Plugin, canManage: boolean) => ReactNode;
  dirty?: boolean;
};

/**
 * The frame of the AI agent's pages: title, tabs, and the plugin's state. While the company has
 * not enabled the agent, the page says so and offers to enable it (admins).
 */
export function AiPageFrame({ children, dirty }: AiPageFrameProps) {
  const { t } = useI18n();
  const { plugin, isPending, toggle } = useAiPlugin();
  const canManage = hasRole(useMe().data?.role, "admin");
  const notify = useNotify();

  const enable = () => plugin && toggle.mutate({ id: plugin.id, enable: true }, { onSuccess: () => notify.success(t("ai.enabled")), onError: notify.error });

  return (
    <div className="page ai-page">
      <header className="page-header">
        <h1>{t("ai.title")}</h1>
        {plugin && <span className={`status-pill ${plugin.enabled ? "status-open" : "status-resolved"}`}>{plugin.enabled ? t("ai.on") : t("ai.off")}</span>}
      </header>
      <AiSubNav dirty={dirty} />
      {isPending ? (
        <Spinner label={t("common.loading")} />
      ) : !plugin ? (
        <EmptyState title={t("ai.notInstalled")}>
          <p className="muted">{t("ai.notInstalledHint")}</p>
        </EmptyState>
      ) : !plugin.enabled ? (
        <EmptyState title={t("ai.disabledTitle")} icon={<Bot size={28} aria-hidden="true" />}>
          <p className="muted">{t("ai.disabledBody")}</p>
          {canManage ? (
            <Button variant="primary" busy={toggle.isPending} onClick={enable}>
              {t("ai.enable")}
            </Button>
          ) : (
            <p className="muted">{t("ai.askAdmin")}</p>
          )}
        </EmptyState>
      ) : (
        children(plugin, canManage)
      )}
    </div>
  );
}
