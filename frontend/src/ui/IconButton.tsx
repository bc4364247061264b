import type { ButtonHTMLAttributes, ReactNode } from "react";

export type IconButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  /** The accessible name (also the tooltip): icon-only buttons must have one. */
  label: string;
  icon: ReactNode;
};

/** A button showing only an icon, named by `label`. */
export function IconButton({ label, icon, className, type = "button", ...rest }: IconButtonProps) {
  return (
    <button type={type} className={["icon-btn", className ?? ""].join(" ").trim()} aria-label={label} title={label} {...rest}>
      {icon}
    </button>
  );
}
