import { FileText, X } from "lucide-react";
import { useI18n } from "@/i18n/hooks/useI18n";
import type { PendingAttachment } from "@/modules/inbox/types/PendingAttachment";
import { formatFileSize } from "@/modules/inbox/utils/formatFileSize";

export type AttachmentPreviewProps = { attachment: PendingAttachment; onRemove: () => void };

/** The attached file above the text box: thumbnail or name and size, upload progress or error, remove. */
export function AttachmentPreview({ attachment, onRemove }: AttachmentPreviewProps) {
  const { t, locale } = useI18n();
  const { file, previewUrl, progress, upload, error } = attachment;
  return (
    <div className="composer-attachment" role="group" aria-label={t("attachment.label")}>
      {previewUrl ? (
        <img className="composer-attachment-thumb" src={previewUrl} alt={file.name} />
      ) : (
        <span className="composer-attachment-icon" aria-hidden="true">
          <FileText size={28} />
        </span>
      )}
      <div className="composer-attachment-info">
        <span className="composer-attachment-name" title={file.name}>
          {file.name}
        </span>
        <span className="muted">
          {t(`message.${attachment.kind}`)} · {formatFileSize(file.size, locale)}
        </span>
        {error ? (
          <span className="field-error" role="alert">
            {error}
          </span>
        ) : upload ? (
          <span className="muted">{t("attachment.ready")}</span>
        ) : (
          <progress className="composer-attachment-progress" value={progress} max={1} aria-label={t("attachment.uploading")} />
        )}
      </div>
      <button type="button" className="icon-btn icon-btn-sm" onClick={onRemove} aria-label={t("attachment.remove")} title={t("attachment.remove")}>
        <X size={16} aria-hidden="true" />
      </button>
    </div>
  );
}
