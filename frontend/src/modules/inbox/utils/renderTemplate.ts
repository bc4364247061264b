import type { ChannelTemplate } from "@/api/schemas";
import { templateText } from "@/modules/inbox/utils/templateText";

export type RenderedTemplate = { header: string; body: string; footer: string; buttons: string[] };

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * A template as the contact will read it: each `{{name}}` of the header and body filled with the
 * value of `header.name` / `body.name`, left as `{{name}}` while empty (the live preview).
 */
export function renderTemplate(template: ChannelTemplate, values: Record<string, string>): RenderedTemplate {
  const fill = (text: string, section: string) =>
    text.replace(PLACEHOLDER, (whole, name: string) => values[`${section}.${name}`]?.trim() || whole);
  const buttons = template.components
    .filter((c) => String(c.type ?? "").toUpperCase() === "BUTTONS")
    .flatMap((c) => (Array.isArray(c.buttons) ? (c.buttons as { text?: unknown }[]) : []))
    .map((button) => (typeof button.text === "string" ? button.text : ""))
    .filter(Boolean);
  return {
    header: fill(templateText(template, "HEADER"), "header"),
    body: fill(templateText(template, "BODY"), "body"),
    footer: templateText(template, "FOOTER"),
    buttons,
  };
}
