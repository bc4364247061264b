import type { JsonSchema } from "@/modules/plugins/types/JsonSchema";
import type { SettingsField } from "@/modules/plugins/types/SettingsField";

const mainType = (schema: JsonSchema): string => {
  const types = Array.isArray(schema.type) ? schema.type.filter((type) => type !== "null") : [schema.type];
  return types[0] ?? (schema.enum ? "string" : "object");
};

/**
 * The inputs of a settings form, one per top-level property of `schema`, in its order (a string
 * longer than 200 characters gets a multi-line input).
 */
export function settingsFields(schema: JsonSchema): SettingsField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const type = mainType(property);
    const control: SettingsField["control"] = property.writeOnly
      ? "secret"
      : property.enum
        ? "select"
        : type === "boolean"
          ? "checkbox"
          : type === "integer"
            ? "integer"
            : type === "number"
              ? "number"
              : type === "array" && mainType(property.items ?? {}) === "string"
                ? "list"
                : type === "string"
                  ? (property.maxLength ?? 0) > 200
                    ? "longText"
                    : "text"
                  : "json";
    return {
      name,
      label: property.title ?? name,
      hint: property.description,
      required: required.has(name),
      control,
      options: property.enum?.map(String),
      schema: property,
    };
  });
}
