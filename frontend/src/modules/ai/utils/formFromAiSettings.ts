import type { AiSettingsForm } from "@/modules/ai/types/AiSettingsForm";
import { newUid } from "@/modules/ai/utils/newUid";
import type { JsonSchema } from "@/modules/plugins/types/JsonSchema";

const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The settings page's values from the stored settings (`GET /plugins/ai-agent/settings`) and the
 * plugin's settings schema (the agent statuses mapped to pipeline stages, the properties of a
 * qualification step, and the defaults of what is not stored).
 */
export function formFromAiSettings(settings: Record<string, unknown>, schema: JsonSchema): AiSettingsForm {
  const properties = schema.properties ?? {};
  const stageNames = Object.keys(properties.stages?.properties ?? {});
  const stepFields = Object.keys(properties.steps?.items?.properties ?? {});
  const hours = settings.business_hours ? record(settings.business_hours) : null;
  const stages = { ...record(properties.stages?.default), ...record(settings.stages) };
  return {
    baseUrl: text(settings.base_url),
    apiKeyAction: "keep",
    apiKey: "",
    model: text(settings.model),
    fallbackModel: text(settings.fallback_model),
    embeddingModel: text(settings.embedding_model),
    persona: text(settings.persona),
    systemPrompt: text(settings.system_prompt),
    temperature: text(settings.temperature),
    maxTokens: text(settings.max_tokens),
    maxRepliesPerHour: text(settings.max_replies_per_hour),
    optOutKeywords: list(settings.opt_out_keywords).map(String).join("\n"),
    hoursLimited: hours !== null,
    hoursDays: hours ? list(hours.days ?? [1, 2, 3, 4, 5]).map(Number) : [1, 2, 3, 4, 5],
    hoursStart: hours ? text(hours.start) : "08:00",
    hoursEnd: hours ? text(hours.end) : "18:00",
    hoursTimezone: hours ? text(hours.timezone) : "",
    outsideHours: text(settings.outside_hours) || "reply",
    outsideHoursMessage: text(settings.outside_hours_message),
    channelIds: list(settings.channel_ids).map(String),
    stages: Object.fromEntries(stageNames.map((name) => [name, text(stages[name])])),
    steps: list(settings.steps).map((step) => {
      const values = record(step);
      return { uid: newUid("step"), values: Object.fromEntries(stepFields.map((field) => [field, text(values[field])])) };
    }),
  };
}
