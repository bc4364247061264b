import { useState } from "react";
import { AiPageFrame } from "@/modules/ai/components/AiPageFrame";
import { AiSettingsPanel } from "@/modules/ai/components/AiSettingsPanel";

/** /ai: the AI agent's settings (provider, models, prompt, hours, limits, qualification steps) and usage. */
export function AiSettingsPage() {
  const [dirty, setDirty] = useState(false);
  return <AiPageFrame dirty={dirty}>{(plugin, canManage) => <AiSettingsPanel plugin={plugin} canManage={canManage} onDirtyChange={setDirty} />}</AiPageFrame>;
}
