import { FilePlus, RefreshCw, Upload } from "lucide-react";
import { useSearchParams } from "react-router";
import type { AiDocument } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import type { MessageKey } from "@/i18n/types/MessageKey";
import { AiDocumentDialog } from "@/modules/ai/components/AiDocumentDialog";
import { AiDocumentTextForm } from "@/modules/ai/components/AiDocumentTextForm";
import { AiDocumentUploadForm } from "@/modules/ai/components/AiDocumentUploadForm";
import { EmbeddingStatus } from "@/modules/ai/components/EmbeddingStatus";
import { useAiKnowledge } from "@/modules/ai/hooks/useAiKnowledge";
import { useAiKnowledgeMutations } from "@/modules/ai/hooks/useAiKnowledgeMutations";
import { Button } from "@/ui/Button";
import { useConfirm } from "@/ui/confirm/useConfirm";
import { Dialog } from "@/ui/Dialog";
import { EmptyState } from "@/ui/EmptyState";
import { Spinner } from "@/ui/Spinner";
import { useNotify } from "@/ui/toast/useNotify";

const SOURCES: Record<string, MessageKey> = { text: "ai.source.text", file: "ai.source.file", blueprint: "ai.source.blueprint" };

export type AiKnowledgeBaseProps = { canManage: boolean };

/**
 * The knowledge base: documents with their source, chunk count and embedding status; add a text,
 * upload a file, open one to see its chunks (`?doc=<id>`, bookmarkable), edit, delete.
 */
export function AiKnowledgeBase({ canManage }: AiKnowledgeBaseProps) {
  const { t, tp, formatDate } = useI18n();
  const knowledge = useAiKnowledge();
  const { create, upload, remove } = useAiKnowledgeMutations();
  const confirm = useConfirm();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const adding = params.get("add");
  const openId = params.get("doc");
  const documents = knowledge.data?.pages.flatMap((page) => page.items) ?? [];

  const setView = (next: Record<string, string>) => setParams(next, { replace: true });
  const closeAdd = () => {
    create.reset();
    upload.reset();
    setView({});
  };

  const destroy = async (document: AiDocument) => {
    const ok = await confirm({ title: t("ai.knowledge.deleteTitle", { title: document.title }), body: t("ai.knowledge.deleteBody"), confirmLabel: t("common.delete"), destructive: true });
    if (ok) remove.mutate(document.id, { onSuccess: () => notify.success(t("ai.knowledge.deleted", { title: document.title })), onError: notify.error });
  };

  return (
    <section className="ai-knowledge" aria-labelledby="ai-knowledge-title">
      <div className="page-header">
        <h2 id="ai-knowledge-title">{t("ai.knowledge.title")}</h2>
        <Button size="sm" variant="ghost" onClick={() => void knowledge.refetch()} busy={knowledge.isFetching && !knowledge.isPending}>
          <RefreshCw size={14} aria-hidden="true" /> {t("ai.knowledge.refresh")}
        </Button>
        {canManage && (
          <>
            <Button variant="primary" onClick={() => setView({ add: "text" })}>
              <FilePlus size={16} aria-hidden="true" /> {t("ai.knowledge.addText")}
            </Button>
            <Button onClick={() => setView({ add: "file" })}>
              <Upload size={16} aria-hidden="true" /> {t("ai.knowledge.upload")}
            </Button>
          </>
        )}
      </div>
      <p className="muted small">{t("ai.knowledge.intro")}</p>
      {knowledge.isPending ? (
        <Spinner label={t("common.loading")} />
      ) : documents.length === 0 ? (
        <EmptyState title={t("ai.knowledge.empty")}>
          <p className="muted">{t("ai.knowledge.emptyHint")}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label={t("ai.knowledge.title")}>
            <thead>
              <tr>
                <th scope="col">{t("ai.knowledge.docTitle")}</th>
                <th scope="col" className="hide-sm">
                  {t("ai.knowledge.source")}
                </th>
                <th scope="col">{t("ai.knowledge.chunkCount")}</th>
                <th scope="col">{t("ai.knowledge.status")}</th>
                <th scope="col" className="hide-sm">
                  {t("ai.knowledge.updated")}
                </th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((document) => (
                <tr key={document.id} data-document-id={document.id}>
                  <td>
                    <button type="button" className="ai-link-button" onClick={() => setView({ doc: document.id })}>
                      {document.title}
                    </button>
                  </td>
                  <td className="hide-sm">
                    {SOURCES[document.source] ? t(SOURCES[document.source]) : document.source}
                    {document.filename && <span className="muted small"> · {document.filename}</span>}
                  </td>
                  <td>{tp("ai.knowledge.chunks", document.chunk_count)}</td>
                  <td>
                    <EmbeddingStatus status={document.embedding_status} error={document.embedding_error} />
                  </td>
                  <td className="hide-sm">{formatDate(document.updated_at)}</td>
                  <td>
                    <div className="row">
                      <Button size="sm" variant="ghost" onClick={() => setView({ doc: document.id })} aria-label={t("ai.knowledge.openNamed", { title: document.title })}>
                        {t("ai.knowledge.open")}
                      </Button>
                      {canManage && (
                        <>
                          <Button size="sm" variant="ghost" onClick={() => setView({ doc: document.id, edit: "1" })} aria-label={t("ai.knowledge.editNamed", { title: document.title })}>
                            {t("ai.knowledge.edit")}
                          </Button>
                          <Button size="sm" variant="danger" onClick={() => void destroy(document)} aria-label={t("ai.knowledge.deleteNamed", { title: document.title })}>
                            {t("common.delete")}
                          </Button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {knowledge.hasNextPage && (
        <Button onClick={() => void knowledge.fetchNextPage()} busy={knowledge.isFetchingNextPage}>
          {t("common.loadMore")}
        </Button>
      )}
      <Dialog open={canManage && adding === "text"} title={t("ai.knowledge.addText")} onClose={closeAdd} closeLabel={t("common.close")} size="lg">
        <AiDocumentTextForm
          busy={create.isPending}
          error={create.error}
          submitLabel={t("ai.knowledge.add")}
          onCancel={closeAdd}
          onSubmit={(values) =>
            create.mutate(values, {
              onSuccess: (document) => {
                notify.success(t("ai.knowledge.added", { title: document.title }));
                setView({ doc: document.id });
              },
            })
          }
        />
      </Dialog>
      <Dialog open={canManage && adding === "file"} title={t("ai.knowledge.upload")} onClose={closeAdd} closeLabel={t("common.close")}>
        <AiDocumentUploadForm
          busy={upload.isPending}
          error={upload.error}
          onCancel={closeAdd}
          onSubmit={(values) =>
            upload.mutate(values, {
              onSuccess: (document) => {
                notify.success(t("ai.knowledge.added", { title: document.title }));
                setView({ doc: document.id });
              },
            })
          }
        />
      </Dialog>
      <AiDocumentDialog
        documentId={openId}
        editing={params.get("edit") === "1"}
        canManage={canManage}
        onEdit={(editing) => setView(openId ? { doc: openId, ...(editing ? { edit: "1" } : {}) } : {})}
        onClose={() => setView({})}
      />
    </section>
  );
}
