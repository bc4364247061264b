import { Bot } from "lucide-react";
import "@/modules/ai-conversation/components/AiConversation.css";
import { useI18n } from "@/i18n/hooks/useI18n";
import type { MessageKey } from "@/i18n/types/MessageKey";
import { useAiAgentEnabled } from "@/modules/ai-conversation/hooks/useAiAgentEnabled";
import { useConversationAi } from "@/modules/ai-conversation/hooks/useConversationAi";
import { summaryView } from "@/modules/ai-conversation/utils/summaryView";

export type AiHandoffSummaryProps = { conversationId: string };

const STATUS_KEYS: Record<string, MessageKey> = {
  qualifying: "aiConversation.qualifying",
  qualified: "aiBoard.column.qualified",
  scheduled: "aiBoard.column.scheduled",
  awaiting_human: "aiBoard.column.awaiting_human",
  converted: "aiBoard.column.converted",
  lost: "aiBoard.column.lost",
  opted_out: "aiConversation.optedOut",
};

/** In the CRM panel: what the AI agent handed over (interest, answers, booking, reason), when it did. */
export function AiHandoffSummary({ conversationId }: AiHandoffSummaryProps) {
  const { t, formatDate } = useI18n();
  const enabled = useAiAgentEnabled();
  const state = useConversationAi(conversationId, enabled);
  const summary = summaryView(state.data?.handoff_summary);
  if (!enabled || !summary) return null;
  const statusKey = summary.status ? STATUS_KEYS[summary.status] : undefined;
  return (
    <section className="ai-summary" aria-label={t("aiConversation.summary")}>
      <h3 className="crm-heading">
        <Bot size={14} aria-hidden="true" /> {t("aiConversation.summary")}
      </h3>
      <p className="small muted">
        {[statusKey ? t(statusKey) : summary.status, summary.at ? formatDate(summary.at, "dateTime") : null].filter(Boolean).join(" · ")}
      </p>
      {summary.reason && <p className="small">{t("aiConversation.reason", { reason: summary.reason })}</p>}
      {summary.interest && <p className="small">{t("aiConversation.interest", { interest: summary.interest })}</p>}
      {summary.answers.length > 0 && (
        <dl className="ai-summary-answers">
          {summary.answers.map((item, index) => (
            <div key={index}>
              <dt>{item.intent}</dt>
              <dd>{item.answer ?? t("aiConversation.noAnswer")}</dd>
            </div>
          ))}
        </dl>
      )}
      {summary.booking?.start && (
        <p className="small">
          {t("aiConversation.booking", { when: formatDate(summary.booking.start, "dateTime"), consultant: summary.booking.consultant ?? "—" })}
        </p>
      )}
    </section>
  );
}
