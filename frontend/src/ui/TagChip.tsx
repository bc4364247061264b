import { X } from "lucide-react";

export type TagChipProps = {
  name: string;
  color: string;
  /** When given, the chip has a remove button named "<removeLabel>". */
  onRemove?: () => void;
  removeLabel?: string;
};

/** A tag as a small coloured chip. */
export function TagChip({ name, color, onRemove, removeLabel }: TagChipProps) {
  return (
    <span className="tag-chip" style={{ ["--tag-color" as string]: color }}>
      <span className="tag-dot" aria-hidden="true" />
      {name}
      {onRemove && (
        <button type="button" className="tag-remove" onClick={onRemove} aria-label={removeLabel ?? name}>
          <X size={12} aria-hidden="true" />
        </button>
      )}
    </span>
  );
}
