/** A knowledge-base chunk retrieved for a test-chat reply. */
export type AiKnowledgeHit = { chunkId: string; documentId: string; title: string; text: string; score: number | null; matchedBy: string[] };
