import type { AiBoardColumn } from "@/modules/ai-board/types/AiBoardColumn";

/** A conversation on the AI board. */
export type AiBoardCard = AiBoardColumn["items"][number];
