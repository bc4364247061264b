import { type FormEvent, useState } from "react";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import { Button } from "@/ui/Button";
import { TextAreaField } from "@/ui/TextAreaField";
import { TextField } from "@/ui/TextField";

export type AiDocumentTextFormProps = {
  initial?: { title: string; text: string };
  busy: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (values: { title: string; text: string }) => void;
  onCancel: () => void;
};

/** A knowledge-base document as a title and a text (to add one or edit it); the server's errors show on their field. */
export function AiDocumentTextForm({ initial, busy, error, submitLabel, onSubmit, onCancel }: AiDocumentTextFormProps) {
  const { t } = useI18n();
  const [title, setTitle] = useState(initial?.title ?? "");
  const [text, setText] = useState(initial?.text ?? "");
  const fieldError = (name: string) => (error instanceof ApiError ? error.fieldMessage(name) : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ title: title.trim(), text });
  };
  return (
    <form className="form" onSubmit={submit}>
      <TextField label={t("ai.knowledge.docTitle")} value={title} required maxLength={200} error={fieldError("title")} onChange={(event) => setTitle(event.target.value)} data-autofocus="" />
      <TextAreaField label={t("ai.knowledge.text")} hint={t("ai.knowledge.textHint")} value={text} required rows={12} error={fieldError("text")} onChange={(event) => setText(event.target.value)} />
      {error instanceof ApiError && error.fieldErrors.length === 0 && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="dialog-actions">
        <Button onClick={onCancel}>{t("common.cancel")}</Button>
        <Button type="submit" variant="primary" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
