import { describe, expect, it } from "vitest";
import type { Activity } from "@/api/schemas";
import { activityText } from "@/modules/crm/utils/activityText";
import { translate } from "@/i18n/utils/translate";

const activity = (kind: string, data: Record<string, unknown>): Activity => ({
  id: "a1",
  kind,
  data,
  actor_type: "agent",
  actor_id: null,
  created_at: "2026-11-21T12:00:00Z",
});

const lookups = {
  t: (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate("pt-BR", key, vars),
  stageName: (key: string | null) => ({ new: "Novo", proposal: "Proposta" })[key ?? ""] ?? key ?? "—",
  memberName: (id: string | null) => (id === "u1" ? "Bruno" : "Ninguém"),
};

describe("activityText", () => {
  it("writes each timeline entry as a sentence with names, not ids", () => {
    expect(activityText(activity("stage_changed", { from: "new", to: "proposal" }), lookups)).toBe("Status do lead: Novo → Proposta");
    expect(activityText(activity("conversation_assigned", { from: null, to: "u1" }), lookups)).toBe("Conversa atribuída: Ninguém → Bruno");
    expect(activityText(activity("conversation_status_changed", { from: "open", to: "resolved" }), lookups)).toBe("Status da conversa: Aberta → Resolvida");
    expect(activityText(activity("tag_added", { tag_id: "t1", name: "quente" }), lookups)).toBe("Etiqueta adicionada: quente");
  });

  it("shows an unknown status or kind as it is rather than failing", () => {
    expect(activityText(activity("conversation_status_changed", { from: "open", to: "snoozed" }), lookups)).toBe("Status da conversa: Aberta → snoozed");
    expect(activityText(activity("calendar_booked", {}), lookups)).toBe("calendar_booked");
  });
});
