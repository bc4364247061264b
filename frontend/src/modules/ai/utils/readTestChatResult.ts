import type { AiTestChatResult } from "@/api/schemas";
import type { AiKnowledgeHit } from "@/modules/ai/types/AiKnowledgeHit";
import type { AiToolCall } from "@/modules/ai/types/AiToolCall";

const text = (value: unknown) => (typeof value === "string" ? value : value === undefined || value === null ? "" : String(value));

/** The test chat's answer as the page shows it (the API types tools and knowledge as free-form objects). */
export function readTestChatResult(result: AiTestChatResult): { reply: string; model: string; toolCalls: AiToolCall[]; knowledge: AiKnowledgeHit[] } {
  return {
    reply: result.reply,
    model: result.model,
    toolCalls: (result.tool_calls ?? []).map((call) => ({ name: text(call.name), arguments: call.arguments ?? {}, result: call.result ?? null, source: text(call.source) || "model" })),
    knowledge: (result.knowledge ?? []).map((hit) => ({
      chunkId: text(hit.chunk_id),
      documentId: text(hit.document_id),
      title: text(hit.title),
      text: text(hit.text),
      score: typeof hit.score === "number" ? hit.score : null,
      matchedBy: Array.isArray(hit.matched_by) ? hit.matched_by.map(String) : [],
    })),
  };
}
