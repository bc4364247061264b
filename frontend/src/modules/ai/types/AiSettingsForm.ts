import type { AiStepDraft } from "@/modules/ai/types/AiStepDraft";
import type { ApiKeyAction } from "@/modules/ai/types/ApiKeyAction";

/** The AI settings page's values (text as typed; converted to the settings object on save). */
export type AiSettingsForm = {
  baseUrl: string;
  apiKeyAction: ApiKeyAction;
  apiKey: string;
  model: string;
  fallbackModel: string;
  embeddingModel: string;
  persona: string;
  systemPrompt: string;
  temperature: string;
  maxTokens: string;
  maxRepliesPerHour: string;
  /** One keyword per line. */
  optOutKeywords: string;
  hoursLimited: boolean;
  hoursDays: number[];
  hoursStart: string;
  hoursEnd: string;
  /** Empty: the company's time zone. */
  hoursTimezone: string;
  outsideHours: string;
  outsideHoursMessage: string;
  channelIds: string[];
  /** Stage key per agent status; empty: move nothing. */
  stages: Record<string, string>;
  steps: AiStepDraft[];
};
