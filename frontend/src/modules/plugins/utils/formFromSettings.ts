import type { SettingsField } from "@/modules/plugins/types/SettingsField";

/** The form's initial values from the stored settings (secrets start empty; defaults fill gaps). */
export function formFromSettings(fields: SettingsField[], settings: Record<string, unknown>): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const field of fields) {
    const value = field.name in settings ? settings[field.name] : field.schema.default;
    if (field.control === "checkbox") values[field.name] = value === true;
    else if (field.control === "secret") values[field.name] = "";
    else if (field.control === "list") values[field.name] = Array.isArray(value) ? value.join("\n") : "";
    else if (field.control === "json") values[field.name] = value === undefined ? "" : JSON.stringify(value, null, 2);
    else values[field.name] = value === undefined || value === null ? "" : String(value);
  }
  return values;
}
