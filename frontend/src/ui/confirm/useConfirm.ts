import { useContext } from "react";
import { ConfirmContext } from "@/ui/confirm/ConfirmContext";
import type { ConfirmOptions } from "@/ui/confirm/ConfirmOptions";

/** `confirm(options)` resolves true when the user confirms (destructive actions ask first). */
export function useConfirm(): (options: ConfirmOptions) => Promise<boolean> {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error("useConfirm outside ConfirmProvider");
  return confirm;
}
