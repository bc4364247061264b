import type { AiBoard } from "@/modules/ai-board/types/AiBoard";

/** One column of the AI board: its status, count, cards and the cursor of its next page. */
export type AiBoardColumn = AiBoard["columns"][number];
