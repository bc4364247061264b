import type { AiBoardStatus } from "@/modules/ai-board/types/AiBoardStatus";

/** The board's columns, in order. */
export const AiBoardStatuses: AiBoardStatus[] = ["qualifying", "qualified", "scheduled", "awaiting_human", "converted", "lost"];
