import { describe, expect, it } from "vitest";
import { aiSettingsFromForm } from "@/modules/ai/utils/aiSettingsFromForm";
import { formFromAiSettings } from "@/modules/ai/utils/formFromAiSettings";
import type { JsonSchema } from "@/modules/plugins/types/JsonSchema";

const schema: JsonSchema = {
  type: "object",
  properties: {
    model: { type: "string", default: "gpt-4o-mini" },
    stages: {
      type: "object",
      properties: { qualified: { type: ["string", "null"] }, scheduled: { type: ["string", "null"] }, converted: { type: ["string", "null"] }, lost: { type: ["string", "null"] } },
      default: { qualified: "qualified", scheduled: "meeting", converted: "won", lost: "lost" },
    },
    steps: {
      type: "array",
      items: {
        required: ["key", "intent", "field"],
        properties: { key: { type: "string" }, intent: { type: "string" }, field: { type: "string" }, question: { type: "string" } },
      },
    },
  },
};
const stored = {
  api_key: "********",
  model: "gpt-4o-mini",
  embedding_model: "text-embedding-3-small",
  persona: "Ana",
  system_prompt: "Seja cordial.",
  temperature: 0.3,
  max_tokens: 400,
  max_replies_per_hour: 20,
  opt_out_keywords: ["PARAR", "STOP"],
  outside_hours: "reply",
  outside_hours_message: "Voltamos amanhã.",
  channel_ids: [],
  stages: { qualified: "qualified", scheduled: "meeting", lost: "lost" },
  steps: [{ key: "graduation", intent: "Curso e ano", field: "graduation", question: "Em que curso você se formou?" }],
  future_setting: { kept: true },
};
const form = () => formFromAiSettings(stored, schema);

describe("aiSettingsFromForm", () => {
  it("gives back the stored settings when nothing changed, the key left out (kept) and unknown keys kept", () => {
    const body = aiSettingsFromForm(form(), stored, schema);
    expect(body).not.toHaveProperty("api_key");
    expect(body).toEqual({ ...Object.fromEntries(Object.entries(stored).filter(([key]) => key !== "api_key")), base_url: null, fallback_model: null, business_hours: null });
  });

  it("replaces or removes the key, and sends numbers, lists and business hours", () => {
    const edited = { ...form(), apiKeyAction: "replace" as const, apiKey: " sk-new ", temperature: "0.7", optOutKeywords: "PARAR\n sair ,\n", hoursLimited: true, hoursDays: [5, 1], hoursStart: "08:00", hoursEnd: "18:00" };
    const body = aiSettingsFromForm(edited, stored, schema);
    expect(body.api_key).toBe("sk-new");
    expect(body.temperature).toBe(0.7);
    expect(body.opt_out_keywords).toEqual(["PARAR", "sair"]);
    expect(body.business_hours).toEqual({ days: [1, 5], start: "08:00", end: "18:00" });
    expect(aiSettingsFromForm({ ...form(), apiKeyAction: "clear" }, stored, schema).api_key).toBeNull();
  });

  it("leaves out empty optional texts, gives keyless steps a key from their field, and maps stages", () => {
    const edited = form();
    edited.persona = "  ";
    edited.steps = [...edited.steps, { uid: "n", values: { key: "", intent: "Melhor horário", field: "Best_time", question: "" } }, { uid: "m", values: { key: "", intent: "Outro", field: "", question: "" } }];
    expect(edited.stages.converted).toBe("won"); // not stored: the schema's default shows
    edited.stages = { ...edited.stages, scheduled: "" };
    const body = aiSettingsFromForm(edited, stored, schema);
    expect(body).not.toHaveProperty("persona");
    expect(body.steps).toEqual([
      { key: "graduation", intent: "Curso e ano", field: "graduation", question: "Em que curso você se formou?" },
      { key: "best_time", intent: "Melhor horário", field: "Best_time" },
      { key: "step_3", intent: "Outro", field: "" },
    ]);
    expect(body.stages).toEqual({ qualified: "qualified", scheduled: null, lost: "lost" }); // "converted" left at its default: not stored
  });
});
