import { type FormEvent, useMemo, useState } from "react";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import { SecretMask } from "@/modules/plugins/constants/SecretMask";
import type { JsonSchema } from "@/modules/plugins/types/JsonSchema";
import { formFromSettings } from "@/modules/plugins/utils/formFromSettings";
import { settingsFields } from "@/modules/plugins/utils/settingsFields";
import { settingsFromForm } from "@/modules/plugins/utils/settingsFromForm";
import { Button } from "@/ui/Button";
import { Field } from "@/ui/Field";
import { SelectField } from "@/ui/SelectField";
import { TextAreaField } from "@/ui/TextAreaField";
import { TextField } from "@/ui/TextField";

export type JsonSchemaFormProps = {
  schema: JsonSchema;
  /** The stored settings as the API returns them (secrets that are set show as "********"). */
  settings: Record<string, unknown>;
  busy?: boolean;
  error?: unknown;
  onSubmit: (settings: Record<string, unknown>) => void;
};

/**
 * A settings form rendered from a plugin's JSON Schema: text, number, yes/no, choices, lists;
 * secrets (writeOnly) are password inputs that never show the stored value: "********" says one
 * is set, and leaving it empty keeps it.
 */
export function JsonSchemaForm({ schema, settings, busy, error, onSubmit }: JsonSchemaFormProps) {
  const { t } = useI18n();
  const fields = useMemo(() => settingsFields(schema), [schema]);
  const [values, setValues] = useState(() => formFromSettings(fields, settings));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const set = (name: string, value: string | boolean) => setValues((current) => ({ ...current, [name]: value }));
  const fieldError = (name: string) => (jsonError === name ? t("plugins.invalidJson") : error instanceof ApiError ? error.fieldMessage(name) : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      setJsonError(null);
      onSubmit(settingsFromForm(fields, values));
    } catch (caught) {
      if (caught instanceof SyntaxError) setJsonError(caught.message);
    }
  };

  if (fields.length === 0) return <p className="muted">{t("plugins.noSettings")}</p>;
  return (
    <form className="form" onSubmit={submit}>
      {fields.map((field) => {
        const common = { label: field.label + (field.required ? " *" : ""), hint: field.hint, error: fieldError(field.name) };
        const value = values[field.name];
        switch (field.control) {
          case "checkbox":
            return (
              <Field key={field.name} {...common} className="field-checkbox">
                {({ id, describedBy }) => (
                  <input id={id} type="checkbox" checked={value === true} aria-describedby={describedBy} onChange={(event) => set(field.name, event.target.checked)} />
                )}
              </Field>
            );
          case "select":
            return (
              <SelectField
                key={field.name}
                {...common}
                value={String(value ?? "")}
                placeholder={field.required ? undefined : "—"}
                onChange={(event) => set(field.name, event.target.value)}
                options={(field.options ?? []).map((option) => ({ value: option, label: option }))}
              />
            );
          case "secret": {
            const isSet = settings[field.name] === SecretMask;
            return (
              <TextField
                key={field.name}
                {...common}
                hint={[field.hint, isSet ? t("plugins.secretSet") : null].filter(Boolean).join(" ")}
                type="password"
                autoComplete="off"
                placeholder={isSet ? SecretMask : ""}
                required={field.required && !isSet}
                value={String(value ?? "")}
                onChange={(event) => set(field.name, event.target.value)}
              />
            );
          }
          case "number":
          case "integer":
            return (
              <TextField
                key={field.name}
                {...common}
                type="number"
                step={field.control === "integer" ? 1 : "any"}
                min={field.schema.minimum}
                max={field.schema.maximum}
                required={field.required}
                value={String(value ?? "")}
                onChange={(event) => set(field.name, event.target.value)}
              />
            );
          case "longText":
            return (
              <TextAreaField
                key={field.name}
                {...common}
                rows={5}
                required={field.required}
                maxLength={field.schema.maxLength}
                value={String(value ?? "")}
                onChange={(event) => set(field.name, event.target.value)}
              />
            );
          case "list":
          case "json":
            return (
              <TextAreaField
                key={field.name}
                {...common}
                hint={[field.hint, field.control === "list" ? t("plugins.onePerLine") : t("plugins.jsonValue")].filter(Boolean).join(" ")}
                rows={4}
                className={field.control === "json" ? "mono" : undefined}
                value={String(value ?? "")}
                onChange={(event) => set(field.name, event.target.value)}
              />
            );
          default:
            return (
              <TextField
                key={field.name}
                {...common}
                type={field.schema.format === "email" ? "email" : field.schema.format === "uri" ? "url" : "text"}
                required={field.required}
                maxLength={field.schema.maxLength}
                value={String(value ?? "")}
                onChange={(event) => set(field.name, event.target.value)}
              />
            );
        }
      })}
      <Button type="submit" variant="primary" busy={busy}>
        {t("common.save")}
      </Button>
    </form>
  );
}
