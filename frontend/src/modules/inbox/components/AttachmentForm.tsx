import { type FormEvent, useState } from "react";
import type { MessageCreate } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { Button } from "@/ui/Button";
import { SelectField } from "@/ui/SelectField";
import { TextField } from "@/ui/TextField";

type MediaType = "image" | "video" | "audio" | "document";

export type AttachmentFormProps = { busy?: boolean; onSubmit: (message: MessageCreate) => void };

/** Send a file by its public link (image, video, audio or document) with a caption. */
export function AttachmentForm({ busy, onSubmit }: AttachmentFormProps) {
  const { t } = useI18n();
  const [type, setType] = useState<MediaType>("image");
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const caption = String(form.get("caption") ?? "").trim();
    const filename = String(form.get("filename") ?? "").trim();
    onSubmit({
      type,
      content: {
        url: String(form.get("url")).trim(),
        ...(caption && type !== "audio" ? { caption } : {}),
        ...(filename && type === "document" ? { filename } : {}),
      },
    });
  };
  return (
    <form className="form" onSubmit={submit}>
      <SelectField
        label={t("attachment.type")}
        value={type}
        onChange={(event) => setType(event.target.value as MediaType)}
        options={(["image", "video", "audio", "document"] as const).map((value) => ({ value, label: t(`message.${value}`) }))}
      />
      <TextField label={t("attachment.url")} name="url" type="url" required pattern="https?://.+" placeholder="https://" hint={t("attachment.urlHint")} />
      {type !== "audio" && <TextField label={t("attachment.caption")} name="caption" maxLength={1024} />}
      {type === "document" && <TextField label={t("attachment.filename")} name="filename" maxLength={240} />}
      <Button type="submit" variant="primary" busy={busy}>
        {t("composer.send")}
      </Button>
    </form>
  );
}
