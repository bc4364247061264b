import { AiBoardStatuses } from "@/modules/ai-board/constants/AiBoardStatuses";
import type { AiBoard } from "@/modules/ai-board/types/AiBoard";
import type { AiBoardColumn } from "@/modules/ai-board/types/AiBoardColumn";

/** The board's columns in their fixed order, an empty column for any the answer lacks (unknown ones dropped). */
export function boardColumns(board: AiBoard | undefined): AiBoardColumn[] {
  return AiBoardStatuses.map(
    (status) => board?.columns.find((column) => column.status === status) ?? { status, count: 0, items: [], next_cursor: null },
  );
}
