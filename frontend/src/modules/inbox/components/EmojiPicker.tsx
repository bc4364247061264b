import { Smile } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "@/i18n/hooks/useI18n";
import { Emojis } from "@/modules/inbox/constants/Emojis";

export type EmojiPickerProps = { onPick: (emoji: string) => void; disabled?: boolean };

/** A button opening a small grid of emoji; Escape or a click outside closes it. */
export function EmojiPicker({ onPick, disabled }: EmojiPickerProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div className="popover-anchor" ref={root}>
      <button
        type="button"
        className="icon-btn"
        aria-label={t("composer.emoji")}
        title={t("composer.emoji")}
        aria-expanded={open}
        aria-controls={id}
        disabled={disabled}
        onClick={() => setOpen((value) => !value)}
      >
        <Smile size={20} aria-hidden="true" />
      </button>
      {open && (
        <div id={id} className="popover emoji-grid" role="group" aria-label={t("composer.emoji")}>
          {Emojis.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="emoji"
              aria-label={emoji}
              onClick={() => {
                onPick(emoji);
                setOpen(false);
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
