import { useI18n } from "@/i18n/hooks/useI18n";
import type { AiKnowledgeHit } from "@/modules/ai/types/AiKnowledgeHit";

export type KnowledgeHitListProps = { hits: AiKnowledgeHit[] };

/** The knowledge-base passages retrieved for a reply, best first: document title, how each was found, its text. */
export function KnowledgeHitList({ hits }: KnowledgeHitListProps) {
  const { t, formatNumber } = useI18n();
  if (hits.length === 0) return <p className="muted small">{t("ai.hits.none")}</p>;
  return (
    <ol className="ai-hit-list" aria-label={t("ai.hits.title")}>
      {hits.map((hit) => (
        <li key={hit.chunkId || hit.text}>
          <p className="ai-hit-title">
            <strong>{hit.title}</strong>
            <span className="muted small">
              {" · "}
              {hit.matchedBy.map((how) => (how === "vector" ? t("ai.hits.byVector") : how === "text" ? t("ai.hits.byText") : how)).join(" + ")}
              {hit.score !== null && ` · ${t("ai.hits.score", { score: formatNumber(Math.round(hit.score * 10000) / 10000) })}`}
            </span>
          </p>
          <p className="ai-hit-text">{hit.text}</p>
        </li>
      ))}
    </ol>
  );
}
