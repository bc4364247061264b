import { ArrowRightLeft } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "@/i18n/hooks/useI18n";
import { AiBoardStatuses } from "@/modules/ai-board/constants/AiBoardStatuses";
import type { AiBoardStatus } from "@/modules/ai-board/types/AiBoardStatus";

export type MoveToMenuProps = { current: string; cardName: string; onMove: (status: AiBoardStatus) => void };

/** The keyboard way to move a card: a "Move to" button opening a menu of the other columns. */
export function MoveToMenu({ current, cardName, onMove }: MoveToMenuProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const targets = AiBoardStatuses.filter((status) => status !== current);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLButtonElement>("button")?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLUListElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    }
  };

  return (
    <div className="ai-move" onPointerDown={(event) => event.stopPropagation()}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost btn-sm"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t("aiBoard.moveCard", { name: cardName })}
        onClick={() => setOpen((value) => !value)}
      >
        <ArrowRightLeft size={14} aria-hidden="true" /> {t("aiBoard.moveTo")}
      </button>
      {open && (
        <ul
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={t("aiBoard.moveCard", { name: cardName })}
          className="ai-move-menu"
          onKeyDown={onKeyDown}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
          }}
        >
          {targets.map((status) => (
            <li key={status} role="none">
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  close();
                  onMove(status);
                }}
              >
                {t(`aiBoard.column.${status}`)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
