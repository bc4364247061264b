import type { Complete } from "@/api/schemas";
import type { components } from "@/generated/api";

/** GET /api/v1/conversations/{id}/ai: the agent's state of one conversation (status, answers, handoff summary). */
export type AiConversationState = Complete<components["schemas"]["AiAgentConversation"]>;
