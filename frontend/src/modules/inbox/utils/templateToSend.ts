import type { ChannelTemplate, TemplateSend } from "@/api/schemas";

/** The `template` body of a message: the template's name and language, its variables by name. */
export const templateToSend = (template: ChannelTemplate, values: Record<string, string>): TemplateSend => ({
  name: template.name,
  language: template.language,
  parameters: Object.fromEntries(template.variables.map((name) => [name, (values[name] ?? "").trim()])),
});
