import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/i18n/hooks/useI18n";
import type { MessageKey } from "@/i18n/types/MessageKey";
import type { AiStepDraft } from "@/modules/ai/types/AiStepDraft";
import { moveItem } from "@/modules/ai/utils/moveItem";
import { newUid } from "@/modules/ai/utils/newUid";
import type { JsonSchema } from "@/modules/plugins/types/JsonSchema";
import { Button } from "@/ui/Button";
import { IconButton } from "@/ui/IconButton";
import { TextAreaField } from "@/ui/TextAreaField";
import { TextField } from "@/ui/TextField";

/** Labels and hints of the step properties the panel knows; any other property shows its schema's title and description. */
const KNOWN: Record<string, { label: MessageKey; hint: MessageKey }> = {
  key: { label: "ai.step.key", hint: "ai.step.keyHint" },
  intent: { label: "ai.step.intent", hint: "ai.step.intentHint" },
  field: { label: "ai.step.field", hint: "ai.step.fieldHint" },
  question: { label: "ai.step.question", hint: "ai.step.questionHint" },
};

export type StepsEditorProps = {
  steps: AiStepDraft[];
  /** The schema of one step (`items` of the `steps` setting): one input per property, in its order. */
  stepSchema: JsonSchema;
  onChange: (steps: AiStepDraft[]) => void;
  /** The server's message about property `field` of the step at `index`, if any. */
  errorFor?: (index: number, field: string) => string | undefined;
  maxSteps?: number;
  disabled?: boolean;
};

type Focus = { uid: string; control: "up" | "down" | "first" } | null;

/**
 * The qualification flow: ordered steps, each with the properties the settings schema defines
 * (the contact field it fills, what to find out...). Steps are added, removed and moved with
 * buttons (keyboard and screen-reader friendly); focus follows a moved step and a live region
 * says where it went.
 */
export function StepsEditor({ steps, stepSchema, onChange, errorFor, maxSteps, disabled = false }: StepsEditorProps) {
  const { t } = useI18n();
  const isLong = (property: JsonSchema) => (property.maxLength ?? 0) > 200;
  // Short inputs first (side by side), then the multi-line ones; each group in the schema's order.
  const fields = Object.entries(stepSchema.properties ?? {}).sort(([, a], [, b]) => Number(isLong(a)) - Number(isLong(b)));
  const required = new Set(stepSchema.required ?? []);
  const [announcement, setAnnouncement] = useState("");
  const container = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<Focus>(null);
  const setFocus = (focus: Focus) => {
    pendingFocus.current = focus;
  };

  // Once the parent has rendered the changed list, the control asked for gets the focus.
  useEffect(() => {
    const focus = pendingFocus.current;
    if (!focus) return;
    pendingFocus.current = null;
    container.current?.querySelector<HTMLElement>(`[data-focus="${focus.uid}:${focus.control}"]`)?.focus();
  }, [steps]);

  const setValue = (uid: string, field: string, value: string) =>
    onChange(steps.map((step) => (step.uid === uid ? { ...step, values: { ...step.values, [field]: value } } : step)));

  const move = (index: number, to: number) => {
    const moved = steps[index];
    onChange(moveItem(steps, index, to));
    const atEdge = to === 0 || to === steps.length - 1;
    setFocus({ uid: moved.uid, control: atEdge ? (to === 0 ? "down" : "up") : to < index ? "up" : "down" });
    setAnnouncement(t("ai.steps.moved", { position: to + 1, total: steps.length }));
  };

  const remove = (index: number) => {
    const next = steps.filter((_, i) => i !== index);
    onChange(next);
    const neighbour = next[Math.min(index, next.length - 1)];
    setFocus(neighbour ? { uid: neighbour.uid, control: "first" } : null);
    setAnnouncement(t("ai.steps.removed", { position: index + 1 }));
  };

  const add = () => {
    const step: AiStepDraft = { uid: newUid("step"), values: Object.fromEntries(fields.map(([name]) => [name, ""])) };
    onChange([...steps, step]);
    setFocus({ uid: step.uid, control: "first" });
    setAnnouncement(t("ai.steps.added", { position: steps.length + 1 }));
  };

  return (
    <div className="ai-steps" ref={container}>
      {steps.length === 0 ? (
        <p className="muted">{t("ai.steps.empty")}</p>
      ) : (
        <ol className="ai-step-list" aria-label={t("ai.steps.title")}>
          {steps.map((step, index) => {
            const position = index + 1;
            return (
              <li key={step.uid} className="ai-step" aria-label={t("ai.steps.step", { position })}>
                <header className="ai-step-header">
                  <span className="ai-step-number" aria-hidden="true">
                    {position}
                  </span>
                  <h3>{t("ai.steps.step", { position })}</h3>
                  <div className="ai-step-actions">
                    <IconButton
                      data-focus={`${step.uid}:up`}
                      label={t("ai.steps.moveUp", { position })}
                      icon={<ArrowUp size={16} aria-hidden="true" />}
                      disabled={disabled || index === 0}
                      onClick={() => move(index, index - 1)}
                    />
                    <IconButton
                      data-focus={`${step.uid}:down`}
                      label={t("ai.steps.moveDown", { position })}
                      icon={<ArrowDown size={16} aria-hidden="true" />}
                      disabled={disabled || index === steps.length - 1}
                      onClick={() => move(index, index + 1)}
                    />
                    <IconButton label={t("ai.steps.remove", { position })} icon={<Trash2 size={16} aria-hidden="true" />} disabled={disabled} onClick={() => remove(index)} />
                  </div>
                </header>
                <div className="ai-step-fields">
                  {fields.map(([name, property], fieldIndex) => {
                    const known = KNOWN[name];
                    const label = (known ? t(known.label) : (property.title ?? name)) + (required.has(name) && name !== "key" ? " *" : "");
                    const common = {
                      label,
                      hint: known ? t(known.hint) : property.description,
                      error: errorFor?.(index, name),
                      value: step.values[name] ?? "",
                      disabled,
                      maxLength: property.maxLength,
                      "data-focus": fieldIndex === 0 ? `${step.uid}:first` : undefined,
                    };
                    return isLong(property) ? (
                      <TextAreaField key={name} {...common} rows={2} className="ai-step-wide" onChange={(event) => setValue(step.uid, name, event.target.value)} />
                    ) : (
                      <TextField key={name} {...common} onChange={(event) => setValue(step.uid, name, event.target.value)} />
                    );
                  })}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <Button onClick={add} disabled={disabled || (maxSteps !== undefined && steps.length >= maxSteps)}>
        <Plus size={16} aria-hidden="true" /> {t("ai.steps.add")}
      </Button>
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
