import type { JsonSchema } from "@/modules/plugins/types/JsonSchema";

/** One input of a plugin's settings form, derived from a property of its JSON Schema. */
export type SettingsField = {
  name: string;
  label: string;
  hint?: string;
  required: boolean;
  /** How it is edited: a secret is a password input that never shows the stored value. */
  control: "text" | "longText" | "secret" | "number" | "integer" | "checkbox" | "select" | "list" | "json";
  options?: string[];
  schema: JsonSchema;
};
