import { FileText, Paperclip, SendHorizontal, X } from "lucide-react";
import { type FormEvent, type KeyboardEvent, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { ApiError } from "@/api/ApiError";
import type { Conversation, Message, MessageCreate } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { AttachmentForm } from "@/modules/inbox/components/AttachmentForm";
import { EmojiPicker } from "@/modules/inbox/components/EmojiPicker";
import { TemplateForm } from "@/modules/inbox/components/TemplateForm";
import { useSendMessage } from "@/modules/inbox/hooks/useSendMessage";
import { composerMode } from "@/modules/inbox/utils/composerMode";
import { Button } from "@/ui/Button";
import { Dialog } from "@/ui/Dialog";

export type ComposerProps = { conversation: Conversation; replyTo: Message | null; onClearReply: () => void };

/**
 * Write to the contact: text (Enter sends, Shift+Enter breaks the line), emoji, a file by link,
 * or a template. When the 24-hour window is closed only a template can be sent, and it says so.
 */
export function Composer({ conversation, replyTo, onClearReply }: ComposerProps) {
  const { t, formatDate } = useI18n();
  const send = useSendMessage(conversation.id);
  const [text, setText] = useState("");
  const [dialog, setDialog] = useState<"template" | "attachment" | null>(null);
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

  const sendText = (event?: FormEvent) => {
    event?.preventDefault();
    const value = text.trim();
    if (!value) return;
    submit({ type: "text", text: value });
    setText("");
    textarea.current?.focus();
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
    <div className="composer">
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
          <EmojiPicker onPick={insertEmoji} />
          <button type="button" className="icon-btn" aria-label={t("composer.attach")} title={t("composer.attach")} onClick={() => setDialog("attachment")}>
            <Paperclip size={20} aria-hidden="true" />
          </button>
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
              placeholder={t("composer.placeholder")}
              onChange={(event) => setText(event.target.value)}
              onKeyDown={onKeyDown}
            />
          </div>
          <button type="submit" className="icon-btn send-btn" aria-label={t("composer.send")} title={t("composer.send")} disabled={!text.trim()}>
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
      <Dialog open={dialog === "attachment"} title={t("composer.attach")} onClose={() => setDialog(null)} closeLabel={t("common.close")}>
        <AttachmentForm busy={send.isPending} onSubmit={submit} />
      </Dialog>
    </div>
  );
}
