import { Bot } from "lucide-react";
import "@/modules/ai-conversation/components/AiConversation.css";
import type { Conversation } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useAiAgentEnabled } from "@/modules/ai-conversation/hooks/useAiAgentEnabled";
import { useToggleConversationAi } from "@/modules/ai-conversation/hooks/useToggleConversationAi";

export type AiToggleProps = { conversation: Conversation };

/** The chat header's switch of the AI agent for this conversation (only when the company enabled the agent). */
export function AiToggle({ conversation }: AiToggleProps) {
  const { t } = useI18n();
  const enabled = useAiAgentEnabled();
  const toggle = useToggleConversationAi();
  if (!enabled) return null;
  return (
    <label className="ai-toggle" title={t(conversation.ai_active ? "aiConversation.onHint" : "aiConversation.offHint")}>
      <Bot size={16} aria-hidden="true" />
      <span>{t("aiConversation.toggle")}</span>
      <input
        type="checkbox"
        role="switch"
        className="switch"
        checked={conversation.ai_active}
        aria-checked={conversation.ai_active}
        disabled={toggle.isPending}
        onChange={(event) => toggle.mutate({ conversation, active: event.target.checked })}
      />
    </label>
  );
}
