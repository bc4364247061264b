import { type FormEvent, useMemo, useState } from "react";
import type { TemplateSend } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { TemplatePreview } from "@/modules/inbox/components/TemplatePreview";
import { useTemplates } from "@/modules/inbox/hooks/useTemplates";
import { missingVariables } from "@/modules/inbox/utils/missingVariables";
import { renderTemplate } from "@/modules/inbox/utils/renderTemplate";
import { templateToSend } from "@/modules/inbox/utils/templateToSend";
import { variableParts } from "@/modules/inbox/utils/variableParts";
import { Button } from "@/ui/Button";
import { SelectField } from "@/ui/SelectField";
import { Spinner } from "@/ui/Spinner";
import { TextField } from "@/ui/TextField";

export type TemplateFormProps = {
  channelId: string;
  submitLabel: string;
  busy?: boolean;
  onSubmit: (template: TemplateSend) => void;
};

/** Choose an approved template of the channel, fill its variables, see the live preview, send. */
export function TemplateForm({ channelId, submitLabel, busy, onSubmit }: TemplateFormProps) {
  const { t } = useI18n();
  const templates = useTemplates(channelId);
  const [key, setKey] = useState("");
  const [values, setValues] = useState<Record<string, string>>({});
  const options = useMemo(
    () => (templates.data ?? []).map((template) => ({ value: `${template.name}|${template.language}`, label: `${template.name} (${template.language})` })),
    [templates.data],
  );
  const template = templates.data?.find((item) => `${item.name}|${item.language}` === (key || options[0]?.value));

  if (templates.isPending) return <Spinner label={t("template.loading")} />;
  if (templates.isError) return <p className="form-error" role="alert">{t("template.loadFailed")}</p>;
  if (!template) return <p className="muted">{t("template.none")}</p>;

  const missing = missingVariables(template, values);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (missing.length === 0) onSubmit(templateToSend(template, values));
  };

  return (
    <form className="form template-form" onSubmit={submit}>
      <SelectField
        label={t("template.choose")}
        value={`${template.name}|${template.language}`}
        onChange={(event) => {
          setKey(event.target.value);
          setValues({});
        }}
        options={options}
      />
      {template.variables.map((name) => {
        const { section, placeholder } = variableParts(name);
        return (
          <TextField
            key={name}
            label={t(`template.variable.${section}`, { name: placeholder })}
            value={values[name] ?? ""}
            required
            onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
          />
        );
      })}
      <TemplatePreview rendered={renderTemplate(template, values)} />
      <Button type="submit" variant="primary" busy={busy} disabled={missing.length > 0}>
        {submitLabel}
      </Button>
    </form>
  );
}
