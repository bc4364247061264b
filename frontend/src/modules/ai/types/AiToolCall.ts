/** A tool the agent called for a test-chat reply (`source`: model, context or scripted). */
export type AiToolCall = { name: string; arguments: unknown; result: unknown; source: string };
