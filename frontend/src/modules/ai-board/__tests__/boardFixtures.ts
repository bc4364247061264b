import type { AiBoard } from "@/modules/ai-board/types/AiBoard";
import type { AiBoardCard } from "@/modules/ai-board/types/AiBoardCard";

/** A board card with sensible defaults. */
export function boardCard(id: string, status: string, name: string): AiBoardCard {
  return {
    conversation_id: id,
    status,
    status_changed_at: "2026-11-21T20:00:00Z",
    contact: { id: `contact-${id}`, name, phone: "+5511987650001" },
    channel: { id: "ch1", type: "sandbox", name: "Sandbox" },
    assignee_id: null,
    ai_active: status === "qualifying",
    last_message_at: "2026-11-21T20:00:00Z",
    last_message_preview: "Em que curso você se formou?",
    progress: { answered: 1, total: 5 },
    booking: null,
  };
}

/** A board with Ana and Bruno awaiting AI and Carla qualified (two columns from the server only). */
export function sampleBoard(): AiBoard {
  return {
    columns: [
      { status: "qualifying", count: 2, items: [boardCard("c1", "qualifying", "Ana"), boardCard("c2", "qualifying", "Bruno")], next_cursor: null },
      { status: "qualified", count: 1, items: [boardCard("c3", "qualified", "Carla")], next_cursor: null },
    ],
  };
}
