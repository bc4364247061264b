import { useAiPlugin } from "@/modules/ai/hooks/useAiPlugin";

/** Whether the company enabled the AI agent plugin (`ai-agent`); false while unknown. */
export function useAiAgentEnabled(): boolean {
  return useAiPlugin().plugin?.enabled ?? false;
}
