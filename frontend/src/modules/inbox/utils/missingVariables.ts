import type { ChannelTemplate } from "@/api/schemas";

/** The variables of `template` still without a value (the template cannot be sent yet). */
export const missingVariables = (template: ChannelTemplate, values: Record<string, string>): string[] =>
  template.variables.filter((name) => !(values[name] ?? "").trim());
