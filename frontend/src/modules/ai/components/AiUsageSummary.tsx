import { useI18n } from "@/i18n/hooks/useI18n";
import type { MessageKey } from "@/i18n/types/MessageKey";
import { useAiUsage } from "@/modules/ai/hooks/useAiUsage";
import { Spinner } from "@/ui/Spinner";

const PURPOSES: Record<string, MessageKey> = {
  reply: "ai.usage.purposeReply",
  test_chat: "ai.usage.purposeTestChat",
  embedding: "ai.usage.purposeEmbedding",
  search: "ai.usage.purposeSearch",
};

/** The provider's use in the last 30 days: calls, failures, tokens, and per model and purpose the latency. */
export function AiUsageSummary() {
  const { t, formatNumber, formatDate } = useI18n();
  const usage = useAiUsage(true);
  const data = usage.data;
  return (
    <section className="card" aria-labelledby="ai-usage">
      <h2 id="ai-usage">{t("ai.usage.title")}</h2>
      {!data ? (
        usage.isError ? (
          <p className="muted">{t("ai.usage.unavailable")}</p>
        ) : (
          <Spinner label={t("common.loading")} />
        )
      ) : (
        <>
          <p className="muted small">{t("ai.usage.period", { from: formatDate(`${data.from}T12:00:00Z`, "date"), to: formatDate(`${data.to}T12:00:00Z`, "date") })}</p>
          <dl className="ai-usage-totals">
            <div>
              <dt>{t("ai.usage.calls")}</dt>
              <dd>{formatNumber(data.calls)}</dd>
            </div>
            <div>
              <dt>{t("ai.usage.failed")}</dt>
              <dd>{formatNumber(data.failed)}</dd>
            </div>
            <div>
              <dt>{t("ai.usage.promptTokens")}</dt>
              <dd>{formatNumber(data.prompt_tokens)}</dd>
            </div>
            <div>
              <dt>{t("ai.usage.completionTokens")}</dt>
              <dd>{formatNumber(data.completion_tokens)}</dd>
            </div>
          </dl>
          {data.by_model.length === 0 ? (
            <p className="muted small">{t("ai.usage.none")}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" aria-label={t("ai.usage.byModel")}>
                <thead>
                  <tr>
                    <th scope="col">{t("ai.usage.model")}</th>
                    <th scope="col">{t("ai.usage.purpose")}</th>
                    <th scope="col">{t("ai.usage.calls")}</th>
                    <th scope="col">{t("ai.usage.tokens")}</th>
                    <th scope="col">{t("ai.usage.latency")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.by_model.map((row) => (
                    <tr key={`${row.model}-${row.purpose}`}>
                      <td>
                        <code>{row.model}</code>
                      </td>
                      <td>{PURPOSES[row.purpose] ? t(PURPOSES[row.purpose]) : row.purpose}</td>
                      <td>
                        {formatNumber(row.calls)}
                        {row.failed > 0 && <span className="error-text small"> ({t("ai.usage.failedCount", { count: formatNumber(row.failed) })})</span>}
                      </td>
                      <td>{formatNumber(row.prompt_tokens + row.completion_tokens)}</td>
                      <td>{t("ai.usage.latencyValue", { avg: formatNumber(row.avg_latency_ms), p95: formatNumber(row.p95_latency_ms) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
