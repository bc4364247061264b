import { Pencil } from "lucide-react";
import { useI18n } from "@/i18n/hooks/useI18n";
import { AiDocumentTextForm } from "@/modules/ai/components/AiDocumentTextForm";
import { EmbeddingStatus } from "@/modules/ai/components/EmbeddingStatus";
import { useAiDocument } from "@/modules/ai/hooks/useAiDocument";
import { useAiKnowledgeMutations } from "@/modules/ai/hooks/useAiKnowledgeMutations";
import { Button } from "@/ui/Button";
import { Dialog } from "@/ui/Dialog";
import { Spinner } from "@/ui/Spinner";
import { useNotify } from "@/ui/toast/useNotify";

export type AiDocumentDialogProps = {
  documentId: string | null;
  editing: boolean;
  canManage: boolean;
  onEdit: (editing: boolean) => void;
  onClose: () => void;
};

/** One knowledge-base document: its chunks in order (what the agent retrieves), or the form that edits it. */
export function AiDocumentDialog({ documentId, editing, canManage, onEdit, onClose }: AiDocumentDialogProps) {
  const { t, tp, formatDate } = useI18n();
  const document = useAiDocument(documentId);
  const { update } = useAiKnowledgeMutations();
  const notify = useNotify();
  const data = document.data;
  const title = data ? (editing ? t("ai.knowledge.editTitle", { title: data.title }) : data.title) : t("ai.knowledge.document");

  return (
    <Dialog open={documentId !== null} title={title} onClose={onClose} closeLabel={t("common.close")} size="lg">
      {!data ? (
        document.isError ? (
          <p className="form-error" role="alert">
            {t("ai.knowledge.notFound")}
          </p>
        ) : (
          <Spinner label={t("common.loading")} />
        )
      ) : editing && canManage ? (
        <AiDocumentTextForm
          key={data.id + data.updated_at}
          initial={{ title: data.title, text: data.text }}
          busy={update.isPending}
          error={update.error}
          submitLabel={t("common.save")}
          onCancel={() => onEdit(false)}
          onSubmit={(values) =>
            update.mutate(
              { id: data.id, title: values.title, text: values.text === data.text ? undefined : values.text },
              {
                onSuccess: () => {
                  notify.success(t("ai.knowledge.saved"));
                  onEdit(false);
                },
              },
            )
          }
        />
      ) : (
        <div className="ai-document">
          <p className="row small">
            <EmbeddingStatus status={data.embedding_status} error={data.embedding_error} />
            <span className="muted">{tp("ai.knowledge.chunks", data.chunk_count)}</span>
            <span className="muted">{t("ai.knowledge.updatedAt", { when: formatDate(data.updated_at) })}</span>
            {data.filename && <span className="muted">{data.filename}</span>}
          </p>
          {canManage && (
            <div className="row">
              <Button size="sm" onClick={() => onEdit(true)}>
                <Pencil size={14} aria-hidden="true" /> {t("ai.knowledge.edit")}
              </Button>
            </div>
          )}
          <h3>{t("ai.knowledge.chunksTitle")}</h3>
          <ol className="ai-chunk-list" aria-label={t("ai.knowledge.chunksTitle")}>
            {data.chunks.map((chunk) => (
              <li key={chunk.position} className="ai-chunk">
                <p className="ai-chunk-head small muted">
                  {t("ai.knowledge.chunk", { position: chunk.position + 1 })}
                  {chunk.embedded ? ` · ${t("ai.knowledge.embedded")}` : ""}
                </p>
                <p className="ai-chunk-text">{chunk.text}</p>
              </li>
            ))}
          </ol>
        </div>
      )}
    </Dialog>
  );
}
