import { Bot } from "lucide-react";
import { Link } from "react-router";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import "@/modules/ai-board/components/AiBoard.css";
import { AiBoardView } from "@/modules/ai-board/components/AiBoardView";
import { useAiBoard } from "@/modules/ai-board/hooks/useAiBoard";
import { EmptyState } from "@/ui/EmptyState";
import { Spinner } from "@/ui/Spinner";

/** The board with its states: loading, the agent not enabled for the company, an error. */
export function AiBoardScreen() {
  const { t } = useI18n();
  const board = useAiBoard();
  if (board.error instanceof ApiError && board.error.status === 404) {
    return (
      <EmptyState title={t("aiBoard.notEnabled")} icon={<Bot size={28} aria-hidden="true" />}>
        <p className="muted">{t("aiBoard.notEnabledHint")}</p>
        <Link to="/settings/plugins">{t("aiBoard.openPlugins")}</Link>
      </EmptyState>
    );
  }
  if (board.isError) return <EmptyState title={t("error.generic")} />;
  if (!board.data) return <Spinner label={t("common.loading")} />;
  return (
    <>
      <p className="muted">{t("aiBoard.subtitle")}</p>
      <AiBoardView board={board.data} />
    </>
  );
}
