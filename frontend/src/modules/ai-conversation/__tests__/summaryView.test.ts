import { describe, expect, it } from "vitest";
import { summaryView } from "@/modules/ai-conversation/utils/summaryView";

describe("summaryView", () => {
  it("reads the handoff summary the agent saves (docs/ai-agent.md)", () => {
    const view = summaryView({
      interest: "Pós em finanças",
      answers: [
        { step: "graduation", field: "graduation", intent: "Curso e ano de formação", answer: "Administração, 2015" },
        { step: "budget", field: "accepts_budget", intent: "Cabe R$ 300 por mês", answer: null },
      ],
      booking: { id: "evt-1", start: "2030-01-07T10:00:00-03:00", consultant: "Carla" },
      status: "scheduled",
      notes: ["reunião marcada"],
      reason: "reunião marcada com o consultor",
      by: "ai",
      at: "2026-11-21T21:40:00+00:00",
    });
    expect(view).toEqual({
      status: "scheduled",
      reason: "reunião marcada com o consultor",
      by: "ai",
      at: "2026-11-21T21:40:00+00:00",
      interest: "Pós em finanças",
      answers: [
        { intent: "Curso e ano de formação", answer: "Administração, 2015" },
        { intent: "Cabe R$ 300 por mês", answer: null },
      ],
      booking: { start: "2030-01-07T10:00:00-03:00", consultant: "Carla" },
      notes: ["reunião marcada"],
    });
  });

  it("takes a booking's consultant as an object too, and survives missing parts", () => {
    expect(summaryView({ booking: { start: "2030-01-07T10:00:00-03:00", consultant: { id: "ana", name: "Ana" } } })?.booking).toEqual({
      start: "2030-01-07T10:00:00-03:00",
      consultant: "Ana",
    });
    expect(summaryView({ answers: "?" })).toMatchObject({ answers: [], booking: null, status: null });
    expect(summaryView(null)).toBeNull();
  });
});
