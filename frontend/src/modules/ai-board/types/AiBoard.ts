import type { Complete } from "@/api/schemas";
import type { components } from "@/generated/api";

/** GET /api/v1/ai/board: every column (or one) with its count and a page of cards. */
export type AiBoard = Complete<components["schemas"]["AiAgentBoard"]>;
