import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { queryKeys } from "@/api/queryKeys";
import { sampleBoard } from "@/modules/ai-board/__tests__/boardFixtures";
import type { AiBoard } from "@/modules/ai-board/types/AiBoard";
import { findCard } from "@/modules/ai-board/utils/findCard";
import { applyDomainEvent } from "@/modules/realtime/utils/applyDomainEvent";

const conversation = {
  id: "c2",
  contact_id: "contact-c2",
  channel_id: "ch1",
  status: "open",
  assignee_id: "u1",
  unread_count: 1,
  last_message_at: "2026-11-21T21:00:00Z",
  last_message_preview: "Administração, 2015",
  ai_active: true,
};

function boardClient() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.aiBoard, sampleBoard());
  return queryClient;
}

describe("the AI board and realtime events", () => {
  it("a conversation's new message and assignee reach its card at once", () => {
    const queryClient = boardClient();
    applyDomainEvent(queryClient, { id: 1, kind: "conversation.updated", data: { conversation } });
    const card = findCard(queryClient.getQueryData<AiBoard>(queryKeys.aiBoard), "c2");
    expect(card).toMatchObject({ last_message_preview: "Administração, 2015", assignee_id: "u1", last_message_at: "2026-11-21T21:00:00Z" });
  });

  it("a change of column (by the agent or another person) reloads the board", () => {
    const queryClient = boardClient();
    applyDomainEvent(queryClient, {
      id: 2,
      kind: "ai.status_changed",
      data: { conversation_id: "c1", contact_id: "contact-c1", status: "qualified", previous_status: "qualifying" },
    });
    expect(queryClient.getQueryState(queryKeys.aiBoard)?.isInvalidated).toBe(true);
  });
});
