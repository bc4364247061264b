import { AiPluginId } from "@/modules/ai/constants/AiPluginId";
import { usePlugins } from "@/modules/plugins/hooks/usePlugins";

/** The AI agent plugin (installed? enabled for the company? its settings schema) and switching it. */
export function useAiPlugin() {
  const { list, toggle } = usePlugins();
  return { plugin: list.data?.find((item) => item.id === AiPluginId), isPending: list.isPending, error: list.error, toggle };
}
