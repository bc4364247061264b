import { type FormEvent, useEffect, useMemo, useState } from "react";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import { AiApiKeyField } from "@/modules/ai/components/AiApiKeyField";
import { AiBusinessHoursFields } from "@/modules/ai/components/AiBusinessHoursFields";
import { StepsEditor } from "@/modules/ai/components/StepsEditor";
import type { AiSettingsForm } from "@/modules/ai/types/AiSettingsForm";
import { aiSettingsFromForm } from "@/modules/ai/utils/aiSettingsFromForm";
import { fieldErrorUnder } from "@/modules/ai/utils/fieldErrorUnder";
import { formFromAiSettings } from "@/modules/ai/utils/formFromAiSettings";
import { SecretMask } from "@/modules/plugins/constants/SecretMask";
import type { JsonSchema } from "@/modules/plugins/types/JsonSchema";
import { useChannels } from "@/modules/workspace/hooks/useChannels";
import { useStages } from "@/modules/workspace/hooks/useStages";
import { Button } from "@/ui/Button";
import { SelectField } from "@/ui/SelectField";
import { TextAreaField } from "@/ui/TextAreaField";
import { TextField } from "@/ui/TextField";

export type AiSettingsEditorProps = {
  /** The plugin's settings schema (from `GET /plugins`). */
  schema: JsonSchema;
  /** The stored settings (`GET /plugins/ai-agent/settings`; a stored key shows as "********"). */
  settings: Record<string, unknown>;
  busy: boolean;
  error: unknown;
  onSave: (body: Record<string, unknown>, done: (saved: Record<string, unknown>) => void) => void;
  /** Told whenever the page starts or stops having unsaved changes. */
  onDirtyChange?: (dirty: boolean) => void;
};

const STAGE_LABELS = { qualified: "ai.stages.qualified", scheduled: "ai.stages.scheduled", converted: "ai.stages.converted", lost: "ai.stages.lost" } as const;

/**
 * The agent's settings: provider and models, persona and prompt, business hours, limits and
 * opt-out words, channels and pipeline stages, and the qualification steps. The whole object is
 * saved at once; the server's errors show next to the field they name; unsaved changes are
 * flagged (and the browser asks before leaving the page).
 */
export function AiSettingsEditor({ schema, settings, busy, error, onSave, onDirtyChange }: AiSettingsEditorProps) {
  const { t } = useI18n();
  const channels = useChannels();
  const stages = useStages();
  const properties = useMemo(() => schema.properties ?? {}, [schema]);
  const stepSchema = properties.steps?.items ?? { properties: {} };
  const stageNames = Object.keys(properties.stages?.properties ?? {});
  const stepFields = Object.keys(stepSchema.properties ?? {});
  const [initial, setInitial] = useState(() => formFromAiSettings(settings, schema));
  const [form, setForm] = useState<AiSettingsForm>(initial);
  const [keyIsSet, setKeyIsSet] = useState(settings.api_key === SecretMask);
  const dirty = useMemo(() => JSON.stringify(form) !== JSON.stringify(initial), [form, initial]);

  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const set = (values: Partial<AiSettingsForm>) => setForm((current) => ({ ...current, ...values }));
  const errorFor = (field: string) => fieldErrorUnder(error, field);
  /** What applies when a setting is left empty (the schema's default), as a placeholder. */
  const fallback = (name: string) => {
    const value = properties[name]?.default;
    return value === undefined || value === null ? undefined : String(value);
  };
  const unplaced = error instanceof ApiError && error.fieldErrors.length > 0 ? error.fieldErrors.filter((item) => !item.field || item.field === "settings") : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(aiSettingsFromForm(form, settings, schema), (saved) => {
      const next = formFromAiSettings(saved, schema);
      setInitial(next);
      setForm(next);
      setKeyIsSet(saved.api_key === SecretMask);
    });
  };

  const stageOptions = (current: string) => {
    const known = (stages.data ?? []).map((stage) => ({ value: stage.key, label: stage.name }));
    return current && !known.some((option) => option.value === current) ? [...known, { value: current, label: t("ai.stages.missing", { key: current }) }] : known;
  };

  return (
    <form className="ai-settings" onSubmit={submit} aria-label={t("ai.settings.title")} noValidate>
      <section className="card" aria-labelledby="ai-provider">
        <h2 id="ai-provider">{t("ai.settings.provider")}</h2>
        <p className="muted small">{t("ai.settings.providerIntro")}</p>
        <TextField
          label={t("ai.settings.baseUrl")}
          hint={t("ai.settings.baseUrlHint")}
          type="url"
          placeholder="https://api.openai.com/v1"
          value={form.baseUrl}
          maxLength={500}
          disabled={busy}
          error={errorFor("base_url")}
          onChange={(event) => set({ baseUrl: event.target.value })}
        />
        <AiApiKeyField isSet={keyIsSet} action={form.apiKeyAction} value={form.apiKey} error={errorFor("api_key")} disabled={busy} onChange={(apiKeyAction, apiKey) => set({ apiKeyAction, apiKey })} />
        <div className="ai-grid-3">
          <TextField label={t("ai.settings.model")} hint={t("ai.settings.modelHint")} value={form.model} placeholder={fallback("model")} maxLength={100} disabled={busy} error={errorFor("model")} onChange={(event) => set({ model: event.target.value })} />
          <TextField
            label={t("ai.settings.fallbackModel")}
            hint={t("ai.settings.fallbackModelHint")}
            value={form.fallbackModel}
            maxLength={100}
            disabled={busy}
            error={errorFor("fallback_model")}
            onChange={(event) => set({ fallbackModel: event.target.value })}
          />
          <TextField
            label={t("ai.settings.embeddingModel")}
            hint={t("ai.settings.embeddingModelHint")}
            value={form.embeddingModel}
            placeholder={fallback("embedding_model")}
            maxLength={100}
            disabled={busy}
            error={errorFor("embedding_model")}
            onChange={(event) => set({ embeddingModel: event.target.value })}
          />
        </div>
      </section>

      <section className="card" aria-labelledby="ai-persona">
        <h2 id="ai-persona">{t("ai.settings.behaviour")}</h2>
        <TextField label={t("ai.settings.persona")} hint={t("ai.settings.personaHint")} value={form.persona} placeholder={fallback("persona")} maxLength={200} disabled={busy} error={errorFor("persona")} onChange={(event) => set({ persona: event.target.value })} />
        <TextAreaField
          label={t("ai.settings.systemPrompt")}
          hint={t("ai.settings.systemPromptHint")}
          rows={8}
          maxLength={20000}
          value={form.systemPrompt}
          disabled={busy}
          error={errorFor("system_prompt")}
          onChange={(event) => set({ systemPrompt: event.target.value })}
        />
        <div className="ai-grid-3">
          <TextField
            label={t("ai.settings.temperature")}
            hint={t("ai.settings.temperatureHint")}
            type="number"
            step="0.1"
            min={0}
            max={2}
            value={form.temperature}
            placeholder={fallback("temperature")}
            disabled={busy}
            error={errorFor("temperature")}
            onChange={(event) => set({ temperature: event.target.value })}
          />
          <TextField
            label={t("ai.settings.maxTokens")}
            hint={t("ai.settings.maxTokensHint")}
            type="number"
            step={1}
            min={16}
            max={8192}
            value={form.maxTokens}
            placeholder={fallback("max_tokens")}
            disabled={busy}
            error={errorFor("max_tokens")}
            onChange={(event) => set({ maxTokens: event.target.value })}
          />
          <TextField
            label={t("ai.settings.maxReplies")}
            hint={t("ai.settings.maxRepliesHint")}
            type="number"
            step={1}
            min={1}
            max={1000}
            value={form.maxRepliesPerHour}
            placeholder={fallback("max_replies_per_hour")}
            disabled={busy}
            error={errorFor("max_replies_per_hour")}
            onChange={(event) => set({ maxRepliesPerHour: event.target.value })}
          />
        </div>
        <TextAreaField
          label={t("ai.settings.optOut")}
          hint={t("ai.settings.optOutHint")}
          rows={4}
          value={form.optOutKeywords}
          disabled={busy}
          error={errorFor("opt_out_keywords")}
          onChange={(event) => set({ optOutKeywords: event.target.value })}
        />
      </section>

      <section className="card" aria-labelledby="ai-hours">
        <h2 id="ai-hours">{t("ai.hours.title")}</h2>
        <AiBusinessHoursFields values={form} onChange={set} errorFor={errorFor} disabled={busy} />
      </section>

      <section className="card" aria-labelledby="ai-where">
        <h2 id="ai-where">{t("ai.settings.channels")}</h2>
        <fieldset className="ai-fieldset">
          <legend>{t("ai.settings.channelsLegend")}</legend>
          <p className="muted small">{t("ai.settings.channelsHint")}</p>
          {(channels.data ?? []).length === 0 ? (
            <p className="muted small">{t("ai.settings.noChannels")}</p>
          ) : (
            <div className="ai-check-list">
              {(channels.data ?? []).map((channel) => (
                <label key={channel.id} className="ai-check">
                  <input
                    type="checkbox"
                    checked={form.channelIds.includes(channel.id)}
                    disabled={busy}
                    onChange={(event) => set({ channelIds: event.target.checked ? [...form.channelIds, channel.id] : form.channelIds.filter((id) => id !== channel.id) })}
                  />{" "}
                  {channel.name}
                </label>
              ))}
            </div>
          )}
          {errorFor("channel_ids") && (
            <p className="field-error" role="alert">
              {errorFor("channel_ids")}
            </p>
          )}
        </fieldset>
        {stageNames.length > 0 && (
          <fieldset className="ai-fieldset">
            <legend>{t("ai.stages.legend")}</legend>
            <p className="muted small">{t("ai.stages.hint")}</p>
            <div className="ai-grid-3">
              {stageNames.map((name) => (
                <SelectField
                  key={name}
                  label={name in STAGE_LABELS ? t(STAGE_LABELS[name as keyof typeof STAGE_LABELS]) : name}
                  value={form.stages[name] ?? ""}
                  placeholder={t("ai.stages.none")}
                  disabled={busy}
                  error={errorFor(`stages.${name}`)}
                  options={stageOptions(form.stages[name] ?? "")}
                  onChange={(event) => set({ stages: { ...form.stages, [name]: event.target.value } })}
                />
              ))}
            </div>
          </fieldset>
        )}
      </section>

      <section className="card" aria-labelledby="ai-steps">
        <h2 id="ai-steps">{t("ai.steps.title")}</h2>
        <p className="muted small">{t("ai.steps.intro")}</p>
        <StepsEditor
          steps={form.steps}
          stepSchema={stepSchema}
          maxSteps={(properties.steps as { maxItems?: number } | undefined)?.maxItems}
          disabled={busy}
          errorFor={(index, field) => errorFor(`steps.${index}.${field}`)}
          onChange={(steps) => set({ steps })}
        />
        {errorFor("steps") && !form.steps.some((_, index) => stepFields.some((field) => errorFor(`steps.${index}.${field}`))) && (
          <p className="field-error" role="alert">
            {errorFor("steps")}
          </p>
        )}
      </section>

      <div className={`ai-save-bar${dirty ? " is-dirty" : ""}`}>
        {error instanceof ApiError && (
          <p className="form-error" role="alert">
            {error.fieldErrors.length > 0 ? t("ai.settings.fixFields") : error.message}
            {unplaced.map((item) => ` ${item.message}`).join("")}
          </p>
        )}
        <span className="muted small" role="status">
          {dirty ? t("ai.settings.unsaved") : t("ai.settings.allSaved")}
        </span>
        <Button disabled={!dirty || busy} onClick={() => setForm(initial)}>
          {t("ai.settings.discard")}
        </Button>
        <Button type="submit" variant="primary" busy={busy} disabled={!dirty}>
          {t("common.save")}
        </Button>
      </div>
    </form>
  );
}
