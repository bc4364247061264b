import type { AiKnowledgeHit } from "@/modules/ai/types/AiKnowledgeHit";
import type { AiToolCall } from "@/modules/ai/types/AiToolCall";

/** A message of the test chat; the agent's replies carry what produced them. */
export type AiChatEntry = {
  id: string;
  role: "user" | "assistant";
  content: string;
  model?: string;
  toolCalls?: AiToolCall[];
  knowledge?: AiKnowledgeHit[];
};
