import type { ChannelTemplate } from "@/api/schemas";

/** The text of a template section (HEADER, BODY, FOOTER) or "" when it has none. */
export function templateText(template: ChannelTemplate, section: "HEADER" | "BODY" | "FOOTER"): string {
  const component = template.components.find((c) => String(c.type ?? "").toUpperCase() === section);
  return typeof component?.text === "string" ? component.text : "";
}
