import { AiTestChat } from "@/modules/ai/components/AiTestChat";
import { AiPageFrame } from "@/modules/ai/components/AiPageFrame";

/** /ai/test: chat with the agent as a simulated lead; nothing is sent to any channel. */
export function AiTestChatPage() {
  return <AiPageFrame>{() => <AiTestChat />}</AiPageFrame>;
}
