import { AiBoardStatuses } from "@/modules/ai-board/constants/AiBoardStatuses";
import type { AiBoardStatus } from "@/modules/ai-board/types/AiBoardStatus";

/** Whether `value` is one of the board's columns. */
export const isAiBoardStatus = (value: unknown): value is AiBoardStatus => AiBoardStatuses.some((status) => status === value);
