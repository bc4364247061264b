import type { AiSettingsForm } from "@/modules/ai/types/AiSettingsForm";
import { stepKeyFor } from "@/modules/ai/utils/stepKeyFor";
import type { JsonSchema } from "@/modules/plugins/types/JsonSchema";

const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** A number as typed (a value that is not one is sent as typed, so the server names the field). */
const numberOf = (value: string): number | string => (Number.isFinite(Number(value)) ? Number(value) : value);

/**
 * The settings object to PUT (the whole object) from the page's values. Keys the page does not
 * edit are kept from `original`; an empty optional text is left out (the blueprint's or the
 * default value applies) or sent as null where the schema allows it. The key: left out (kept),
 * replaced, or null (removed). A step without a key gets one from its field.
 */
export function aiSettingsFromForm(form: AiSettingsForm, original: Record<string, unknown>, schema: JsonSchema): Record<string, unknown> {
  const body: Record<string, unknown> = { ...original };
  delete body.api_key;
  if (form.apiKeyAction === "replace" && form.apiKey.trim()) body.api_key = form.apiKey.trim();
  if (form.apiKeyAction === "clear") body.api_key = null;

  const setText = (key: string, value: string, emptyAs: "omit" | "null" = "omit") => {
    const trimmed = value.trim();
    if (trimmed) body[key] = trimmed;
    else if (emptyAs === "null") body[key] = null;
    else delete body[key];
  };
  const setNumber = (key: string, value: string) => {
    if (value.trim()) body[key] = numberOf(value.trim());
    else delete body[key];
  };
  setText("base_url", form.baseUrl, "null");
  setText("model", form.model);
  setText("fallback_model", form.fallbackModel, "null");
  setText("embedding_model", form.embeddingModel);
  setText("persona", form.persona);
  setText("system_prompt", form.systemPrompt);
  setText("outside_hours_message", form.outsideHoursMessage);
  setNumber("temperature", form.temperature);
  setNumber("max_tokens", form.maxTokens);
  setNumber("max_replies_per_hour", form.maxRepliesPerHour);
  body.opt_out_keywords = form.optOutKeywords
    .split(/\n|,/)
    .map((word) => word.trim())
    .filter(Boolean);
  body.business_hours = form.hoursLimited
    ? { days: [...form.hoursDays].sort((a, b) => a - b), start: form.hoursStart, end: form.hoursEnd, ...(form.hoursTimezone ? { timezone: form.hoursTimezone } : {}) }
    : null;
  body.outside_hours = form.outsideHours;
  body.channel_ids = form.channelIds;

  const properties = schema.properties ?? {};
  const originalStages = record(original.stages);
  const defaultStages = record(properties.stages?.default);
  const stages: Record<string, unknown> = { ...originalStages };
  for (const [name, value] of Object.entries(form.stages)) {
    if (!(name in originalStages) && value === String(defaultStages[name] ?? "")) continue;
    stages[name] = value || null;
  }
  body.stages = stages;

  const stepSchema = properties.steps?.items ?? {};
  const fields = Object.keys(stepSchema.properties ?? {});
  const required = new Set(stepSchema.required ?? []);
  const typedKeys = new Set(form.steps.map((step) => (step.values.key ?? "").trim()).filter(Boolean));
  body.steps = form.steps.map((step, index) => {
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const value = (step.values[field] ?? "").trim();
      if (field === "key") {
        const key = stepKeyFor(value, step.values.field ?? "", index + 1, typedKeys);
        if (!value) typedKeys.add(key);
        out.key = key;
      } else if (value || required.has(field)) out[field] = value;
    }
    return out;
  });
  return body;
}
