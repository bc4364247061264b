import { Trash2 } from "lucide-react";
import { type FormEvent, useState } from "react";
import { ApiError } from "@/api/ApiError";
import type { Tag } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useTagMutations } from "@/modules/settings/hooks/useTagMutations";
import { useTags } from "@/modules/workspace/hooks/useTags";
import { Button } from "@/ui/Button";
import { useConfirm } from "@/ui/confirm/useConfirm";
import { IconButton } from "@/ui/IconButton";
import { Spinner } from "@/ui/Spinner";
import { TagChip } from "@/ui/TagChip";
import { TextField } from "@/ui/TextField";
import { useNotify } from "@/ui/toast/useNotify";

const COLORS = ["#ef4444", "#f59e0b", "#10b981", "#3b82f6", "#8b5cf6", "#ec4899", "#64748b"];

/** The company's tags: create, rename, recolor and delete. */
export function TagsAdmin({ canManage }: { canManage: boolean }) {
  const { t } = useI18n();
  const tags = useTags();
  const { create, update, remove } = useTagMutations();
  const confirm = useConfirm();
  const notify = useNotify();
  const [name, setName] = useState("");
  const [color, setColor] = useState(COLORS[0]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), color },
      { onSuccess: () => setName(""), onError: (error) => !(error instanceof ApiError && error.fieldErrors.length > 0) && notify.error(error) },
    );
  };
  const rename = (tag: Tag, value: string) => {
    if (value.trim() && value.trim() !== tag.name) update.mutate({ id: tag.id, name: value.trim() }, { onError: notify.error });
  };
  const destroy = async (tag: Tag) => {
    if (await confirm({ title: t("tags.deleteTitle", { name: tag.name }), body: t("tags.deleteBody"), confirmLabel: t("common.delete"), destructive: true }))
      remove.mutate(tag.id, { onSuccess: () => notify.success(t("tags.deleted", { name: tag.name })), onError: notify.error });
  };

  return (
    <section className="card" aria-labelledby="tags-admin">
      <h2 id="tags-admin">{t("settings.tags")}</h2>
      {canManage && (
        <form className="row tag-create" onSubmit={submit}>
          <TextField label={t("tags.name")} value={name} required maxLength={60} onChange={(event) => setName(event.target.value)} error={create.error instanceof ApiError ? create.error.fieldMessage("name") : undefined} />
          <TextField label={t("tags.color")} type="color" value={color} onChange={(event) => setColor(event.target.value)} className="field-color" />
          <Button type="submit" variant="primary" busy={create.isPending} disabled={!name.trim()}>
            {t("tags.create")}
          </Button>
        </form>
      )}
      {tags.isPending ? (
        <Spinner label={t("common.loading")} />
      ) : (
        <ul className="tag-admin-list">
          {tags.data?.length === 0 && <li className="muted">{t("tags.empty")}</li>}
          {tags.data?.map((tag) => (
            <li key={tag.id} className="row">
              <TagChip name={tag.name} color={tag.color} />
              {canManage && (
                <>
                  <TextField label={t("tags.renameNamed", { name: tag.name })} className="field-label-hidden" defaultValue={tag.name} maxLength={60} onBlur={(event) => rename(tag, event.target.value)} />
                  <TextField label={t("tags.colorNamed", { name: tag.name })} className="field-label-hidden field-color" type="color" defaultValue={tag.color} onBlur={(event) => event.target.value !== tag.color && update.mutate({ id: tag.id, color: event.target.value }, { onError: notify.error })} />
                  <IconButton label={t("tags.deleteNamed", { name: tag.name })} icon={<Trash2 size={16} aria-hidden="true" />} onClick={() => void destroy(tag)} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
