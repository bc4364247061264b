import { createContext } from "react";
import type { ConfirmOptions } from "@/ui/confirm/ConfirmOptions";

export const ConfirmContext = createContext<((options: ConfirmOptions) => Promise<boolean>) | null>(null);
