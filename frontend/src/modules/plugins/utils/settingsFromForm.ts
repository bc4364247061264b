import { SecretMask } from "@/modules/plugins/constants/SecretMask";
import type { SettingsField } from "@/modules/plugins/types/SettingsField";

/**
 * The settings to PUT from the form's values. A secret left empty is omitted, so the stored one
 * is kept (the API keeps omitted secrets); an empty optional field is omitted too. Throws a
 * `SyntaxError` naming the field whose JSON cannot be read.
 */
export function settingsFromForm(fields: SettingsField[], values: Record<string, string | boolean>): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.name];
    if (field.control === "checkbox") {
      settings[field.name] = raw === true;
      continue;
    }
    const text = typeof raw === "string" ? raw.trim() : "";
    if (text === "" || (field.control === "secret" && text === SecretMask)) continue;
    switch (field.control) {
      case "number":
      case "integer":
        settings[field.name] = Number(text);
        break;
      case "list":
        settings[field.name] = text.split(/\n|,/).map((item) => item.trim()).filter(Boolean);
        break;
      case "json":
        try {
          settings[field.name] = JSON.parse(text);
        } catch {
          throw new SyntaxError(field.name);
        }
        break;
      default:
        settings[field.name] = text;
    }
  }
  return settings;
}
