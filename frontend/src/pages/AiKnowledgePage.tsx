import { AiKnowledgeBase } from "@/modules/ai/components/AiKnowledgeBase";
import { AiPageFrame } from "@/modules/ai/components/AiPageFrame";

/** /ai/knowledge: the agent's knowledge base (add, upload, chunks, edit, delete); `?doc=<id>` opens a document. */
export function AiKnowledgePage() {
  return <AiPageFrame>{(_plugin, canManage) => <AiKnowledgeBase canManage={canManage} />}</AiPageFrame>;
}
