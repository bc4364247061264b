import { Trash2 } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useNotes } from "@/modules/crm/hooks/useNotes";
import { useTeam } from "@/modules/workspace/hooks/useTeam";
import { Button } from "@/ui/Button";
import { useConfirm } from "@/ui/confirm/useConfirm";
import { IconButton } from "@/ui/IconButton";
import { TextAreaField } from "@/ui/TextAreaField";

/** Internal notes about the contact (never sent to them): write, read, delete. */
export function ContactNotes({ contactId }: { contactId: string }) {
  const { t, formatDate } = useI18n();
  const { list, add, remove } = useNotes(contactId);
  const team = useTeam();
  const confirm = useConfirm();
  const [text, setText] = useState("");
  const notes = list.data?.pages.flatMap((page) => page.items) ?? [];
  const author = (id: string | null) => team.data?.find((member) => member.id === id)?.name ?? "";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    add.mutate(text.trim(), { onSuccess: () => setText("") });
  };

  return (
    <div className="crm-notes">
      <h3 className="crm-heading">{t("crm.notes")}</h3>
      <form onSubmit={submit} className="form">
        <TextAreaField label={t("crm.newNote")} value={text} rows={2} maxLength={10000} onChange={(event) => setText(event.target.value)} />
        <Button type="submit" size="sm" busy={add.isPending} disabled={!text.trim()}>
          {t("crm.addNote")}
        </Button>
      </form>
      <ul className="note-list">
        {notes.map((note) => (
          <li key={note.id} className="note">
            <p>{note.text}</p>
            <p className="muted note-meta">
              {author(note.author_id)} · <time dateTime={note.created_at}>{formatDate(note.created_at)}</time>
              <IconButton
                className="icon-btn-sm"
                label={t("crm.deleteNote")}
                icon={<Trash2 size={14} aria-hidden="true" />}
                onClick={async () => {
                  if (await confirm({ title: t("crm.deleteNoteTitle"), body: note.text.slice(0, 200), confirmLabel: t("common.delete"), destructive: true })) remove.mutate(note);
                }}
              />
            </p>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <Button size="sm" variant="ghost" onClick={() => void list.fetchNextPage()}>
          {t("common.loadMore")}
        </Button>
      )}
    </div>
  );
}
