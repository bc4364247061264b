import { CalendarClock, FileText, Paperclip, SendHorizontal, X } from "lucide-react";
import { type ClipboardEvent, type DragEvent, type FormEvent, type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { ApiError } from "@/api/ApiError";
import type { Conversation, Message, MessageCreate } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { AttachmentPreview } from "@/modules/inbox/components/AttachmentPreview";
import { EmojiPicker } from "@/modules/inbox/components/EmojiPicker";
import { ScheduleForm } from "@/modules/inbox/components/ScheduleForm";
import { TemplateForm } from "@/modules/inbox/components/TemplateForm";
import { useAttachment } from "@/modules/inbox/hooks/useAttachment";
import { useSendMessage } from "@/modules/inbox/hooks/useSendMessage";
import { acceptedFiles } from "@/modules/inbox/utils/checkAttachment";
import { composeMessages } from "@/modules/inbox/utils/composeMessages";
import { composerMode } from "@/modules/inbox/utils/composerMode";
import { useChannels } from "@/modules/workspace/hooks/useChannels";
import { Button } from "@/ui/Button";
import { Dialog } from "@/ui/Dialog";
import { toast } from "sonner";

const NO_UPLOADS = {};

export type ComposerProps = { conversation: Conversation; replyTo: Message | null; onClearReply: () => void };

/**
 * Write to the contact: text (Enter sends, Shift+Enter breaks the line), emoji, a file from the
 * computer (button, drag and drop, paste; the text becomes its caption), a template, now or at a
 * chosen time. When the 24-hour window is closed only a template can be sent, and it says so.
 */
export function Composer({ conversation, replyTo, onClearReply }: ComposerProps) {
  const { t, formatDate } = useI18n();
  const send = useSendMessage(conversation.id);
  const [text, setText] = useState("");
  const [dialog, setDialog] = useState<"template" | "schedule" | null>(null);
  const [dragging, setDragging] = useState(false);
  const uploadRules = useChannels().data?.find((channel) => channel.id === conversation.channel_id)?.upload_rules ?? NO_UPLOADS;
  const canAttach = Object.keys(uploadRules).length > 0;
  const { attachment, attach, clear } = useAttachment(uploadRules);
  const fileInput = useRef<HTMLInputElement>(null);
  const [now, setNow] = useState(() => new Date());
  const textarea = useRef<HTMLTextAreaElement>(null);
  const labelId = useId();
  const refused = send.error instanceof ApiError && send.error.code === "window_closed";
  const mode = composerMode(conversation, now, refused);

  // Re-evaluate when the window is due to close (no polling: one timer for that moment).
  useEffect(() => {
    if (!conversation.window_expires_at) return;
    const delay = Date.parse(conversation.window_expires_at) - Date.now();
    if (delay <= 0 || delay > 2 ** 31 - 1) return;
    const timer = setTimeout(() => setNow(new Date()), delay + 500);
    return () => clearTimeout(timer);
  }, [conversation.window_expires_at]);

  const submit = (body: MessageCreate) => {
    send.mutate(replyTo ? { ...body, reply_to: replyTo.id } : body, {
      onSuccess: () => {
        onClearReply();
        setDialog(null);
      },
    });
  };

  const uploading = Boolean(attachment && !attachment.upload);
  const ready = !uploading && !attachment?.error && Boolean(text.trim() || attachment?.upload);

  const sendDraft = (scheduledAt?: string) => {
    if (!ready) return;
    const bodies = composeMessages(text, attachment?.upload ?? null, scheduledAt);
    bodies.forEach((body, index) => (index === 0 ? submit(body) : send.mutate(body)));
    setText("");
    clear();
    setDialog(null);
    textarea.current?.focus();
  };

  const sendText = (event?: FormEvent) => {
    event?.preventDefault();
    sendDraft();
  };

  const attachFile = (file: File | undefined) => {
    if (!file || !canAttach) return;
    const refusal = attach(file);
    if (refusal) toast.error(refusal);
    textarea.current?.focus();
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    attachFile(event.dataTransfer.files[0]);
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const file = event.clipboardData.files[0];
    if (!file) return;
    event.preventDefault();
    attachFile(file);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      sendText();
    }
  };

  // The text box grows with its text, up to its CSS max-height.
  useLayoutEffect(() => {
    const element = textarea.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${element.scrollHeight + 2}px`;
  }, [text]);

  const insertEmoji = (emoji: string) => {
    const element = textarea.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    setText(text.slice(0, start) + emoji + text.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };

  return (
    <div
      className={dragging ? "composer composer-dragging" : "composer"}
      onDragOver={(event) => {
        if (mode !== "free" || !event.dataTransfer.types.includes("Files")) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={mode === "free" ? onDrop : undefined}
    >
      {dragging && (
        <p className="composer-drop" aria-hidden="true">
          {t("attachment.drop")}
        </p>
      )}
      {replyTo && (
        <div className="composer-reply">
          <span>
            {t("composer.replyingTo")}: {replyTo.text || `[${replyTo.type}]`}
          </span>
          <button type="button" className="icon-btn icon-btn-sm" onClick={onClearReply} aria-label={t("composer.cancelReply")}>
            <X size={14} aria-hidden="true" />
          </button>
        </div>
      )}
      {mode === "templateOnly" ? (
        <div className="composer-closed" role="status">
          <p>
            <strong>{t("composer.windowClosedTitle")}</strong> {t("composer.windowClosedBody")}
          </p>
          <Button variant="primary" onClick={() => setDialog("template")}>
            <FileText size={16} aria-hidden="true" /> {t("composer.sendTemplate")}
          </Button>
        </div>
      ) : (
        <form className="composer-form" onSubmit={sendText}>
          {attachment && <AttachmentPreview attachment={attachment} onRemove={clear} />}
          <EmojiPicker onPick={insertEmoji} />
          {canAttach && (
            <>
              <button type="button" className="icon-btn" aria-label={t("composer.attach")} title={t("composer.attach")} onClick={() => fileInput.current?.click()}>
                <Paperclip size={20} aria-hidden="true" />
              </button>
              <input
                ref={fileInput}
                type="file"
                className="sr-only"
                tabIndex={-1}
                accept={acceptedFiles(uploadRules)}
                aria-label={t("attachment.file")}
                onChange={(event) => {
                  attachFile(event.target.files?.[0]);
                  event.target.value = "";
                }}
              />
            </>
          )}
          <button type="button" className="icon-btn" aria-label={t("composer.template")} title={t("composer.template")} onClick={() => setDialog("template")}>
            <FileText size={20} aria-hidden="true" />
          </button>
          <div className="composer-input">
            <label id={labelId} htmlFor={`${labelId}-input`} className="composer-label">
              {t("composer.message")}
            </label>
            <textarea
              id={`${labelId}-input`}
              ref={textarea}
              className="input"
              rows={1}
              value={text}
              maxLength={4096}
              placeholder={attachment && attachment.kind !== "audio" ? t("attachment.captionPlaceholder") : t("composer.placeholder")}
              onChange={(event) => setText(event.target.value)}
              onKeyDown={onKeyDown}
              onPaste={onPaste}
            />
          </div>
          <button type="button" className="icon-btn schedule-btn" aria-label={t("schedule.open")} title={t("schedule.open")} disabled={!ready} onClick={() => setDialog("schedule")}>
            <CalendarClock size={20} aria-hidden="true" />
          </button>
          <button type="submit" className="icon-btn send-btn" aria-label={t("composer.send")} title={t("composer.send")} disabled={!ready}>
            <SendHorizontal size={20} aria-hidden="true" />
          </button>
        </form>
      )}
      {mode === "free" && conversation.window_expires_at && (
        <p className="composer-window muted">{t("composer.windowUntil", { when: formatDate(conversation.window_expires_at) })}</p>
      )}
      <Dialog open={dialog === "template"} title={t("composer.sendTemplate")} onClose={() => setDialog(null)} closeLabel={t("common.close")}>
        <TemplateForm channelId={conversation.channel_id} submitLabel={t("composer.send")} busy={send.isPending} onSubmit={(template) => submit({ type: "template", template })} />
      </Dialog>
      <Dialog open={dialog === "schedule"} title={t("schedule.title")} onClose={() => setDialog(null)} closeLabel={t("common.close")}>
        {dialog === "schedule" && <ScheduleForm busy={send.isPending} onSubmit={sendDraft} />}
      </Dialog>
    </div>
  );
}
