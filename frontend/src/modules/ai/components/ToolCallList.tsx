import { Wrench } from "lucide-react";
import { useI18n } from "@/i18n/hooks/useI18n";
import type { MessageKey } from "@/i18n/types/MessageKey";
import type { AiToolCall } from "@/modules/ai/types/AiToolCall";
import { prettyJson } from "@/modules/ai/utils/prettyJson";

const SOURCES: Record<string, MessageKey> = { model: "ai.tools.sourceModel", context: "ai.tools.sourceContext", scripted: "ai.tools.sourceScripted" };

export type ToolCallListProps = { calls: AiToolCall[] };

/** The tools a reply used, in order: each a collapsed entry (name, who called it) opening on its arguments and result. */
export function ToolCallList({ calls }: ToolCallListProps) {
  const { t } = useI18n();
  if (calls.length === 0) return <p className="muted small">{t("ai.tools.none")}</p>;
  return (
    <ol className="ai-tool-list" aria-label={t("ai.tools.title")}>
      {calls.map((call, index) => (
        <li key={`${call.name}-${index}`}>
          <details className="ai-disclosure">
            <summary>
              <Wrench size={14} aria-hidden="true" /> <code>{call.name}</code>
              <span className="muted small"> · {SOURCES[call.source] ? t(SOURCES[call.source]) : call.source}</span>
            </summary>
            <div className="ai-tool-body">
              <h4>{t("ai.tools.arguments")}</h4>
              <pre className="ai-json">{prettyJson(call.arguments)}</pre>
              <h4>{t("ai.tools.result")}</h4>
              <pre className="ai-json">{prettyJson(call.result)}</pre>
            </div>
          </details>
        </li>
      ))}
    </ol>
  );
}
