import type { LucideIcon } from "lucide-react";
import type { MessageKey } from "@/i18n/types/MessageKey";

/** An entry of the main navigation (sidebar, phone tab bar and command palette). */
export type NavItem = {
  to: string;
  label: MessageKey;
  icon: LucideIcon;
  /** Lowest role that sees it (agents see everything unless said otherwise). */
  minRole?: "agent" | "admin" | "owner";
  /** Shown in the phone tab bar (the few most used). */
  primary?: boolean;
};
