/** The AI agent's plugin id (its settings live at /api/v1/plugins/ai-agent/settings). */
export const AiPluginId = "ai-agent";
