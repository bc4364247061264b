import { useI18n } from "@/i18n/hooks/useI18n";
import type { MessageKey } from "@/i18n/types/MessageKey";

const LABELS: Record<string, { label: MessageKey; className: string }> = {
  pending: { label: "ai.embedding.pending", className: "status-pending" },
  ready: { label: "ai.embedding.ready", className: "status-open" },
  failed: { label: "ai.embedding.failed", className: "status-failed" },
  disabled: { label: "ai.embedding.disabled", className: "status-resolved" },
};

export type EmbeddingStatusProps = { status: string; error: string | null };

/** A document's embedding status as a pill (with the provider's error when it failed). */
export function EmbeddingStatus({ status, error }: EmbeddingStatusProps) {
  const { t } = useI18n();
  const known = LABELS[status];
  return (
    <span className="ai-embedding">
      <span className={`status-pill ${known?.className ?? ""}`}>{known ? t(known.label) : status}</span>
      {status === "failed" && error && <span className="ai-embedding-error small">{error}</span>}
    </span>
  );
}
