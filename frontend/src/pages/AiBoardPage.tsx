import { AiBoardScreen } from "@/modules/ai-board/components/AiBoardScreen";
import { AiPageFrame } from "@/modules/ai/components/AiPageFrame";

/** /ai/board: the AI agent's conversations by state (awaiting AI ... lost), moved by drag and drop or a menu. */
export function AiBoardPage() {
  return <AiPageFrame>{() => <AiBoardScreen />}</AiPageFrame>;
}
