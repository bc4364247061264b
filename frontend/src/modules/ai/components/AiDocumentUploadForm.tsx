import { type FormEvent, useState } from "react";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import { AiUploadExtensions } from "@/modules/ai/constants/AiUploadExtensions";
import { uploadProblem } from "@/modules/ai/utils/uploadProblem";
import { Button } from "@/ui/Button";
import { Field } from "@/ui/Field";
import { TextField } from "@/ui/TextField";

export type AiDocumentUploadFormProps = {
  busy: boolean;
  error: unknown;
  onSubmit: (values: { file: File; title: string; onProgress: (fraction: number) => void }) => void;
  onCancel: () => void;
};

/** Upload a .txt, .md or .pdf (up to 3 MB, checked before sending) with an optional title; shows the transfer's progress and the server's verdict. */
export function AiDocumentUploadForm({ busy, error, onSubmit, onCancel }: AiDocumentUploadFormProps) {
  const { t, formatNumber } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState("");
  const [progress, setProgress] = useState(0);
  const problem = file ? uploadProblem(file) : null;
  const serverError = error instanceof ApiError ? (error.fieldMessage("file") ?? (error.fieldErrors.length === 0 ? error.message : undefined)) : error ? t("error.network") : undefined;
  const fileError = problem === "type" ? t("ai.upload.badType") : problem === "size" ? t("ai.upload.tooBig") : busy ? undefined : serverError;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || problem) return;
    setProgress(0);
    onSubmit({ file, title, onProgress: setProgress });
  };

  return (
    <form className="form" onSubmit={submit}>
      <Field label={t("ai.upload.file")} hint={t("ai.upload.fileHint")} error={fileError}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="file"
            className="input"
            accept={AiUploadExtensions.join(",")}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            data-autofocus=""
          />
        )}
      </Field>
      <TextField label={t("ai.upload.title")} hint={t("ai.upload.titleHint")} value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
      {busy && file && (
        <div className="ai-upload-progress">
          <progress value={progress} max={1} aria-label={t("ai.upload.sending", { name: file.name })} />
          <span className="small" role="status">
            {progress < 1 ? t("ai.upload.progress", { percent: formatNumber(Math.round(progress * 100)), size: formatNumber(Math.ceil(file.size / 1024)) }) : t("ai.upload.reading")}
          </span>
        </div>
      )}
      <div className="dialog-actions">
        <Button onClick={onCancel}>{t("common.cancel")}</Button>
        <Button type="submit" variant="primary" busy={busy} disabled={!file || problem !== null}>
          {t("ai.upload.send")}
        </Button>
      </div>
    </form>
  );
}
