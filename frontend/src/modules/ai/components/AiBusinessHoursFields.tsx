import { useMemo } from "react";
import { useI18n } from "@/i18n/hooks/useI18n";
import type { AiSettingsForm } from "@/modules/ai/types/AiSettingsForm";
import { weekdayNames } from "@/modules/ai/utils/weekdayNames";
import { Field } from "@/ui/Field";
import { SelectField } from "@/ui/SelectField";
import { TextAreaField } from "@/ui/TextAreaField";
import { TextField } from "@/ui/TextField";

type HoursValues = Pick<AiSettingsForm, "hoursLimited" | "hoursDays" | "hoursStart" | "hoursEnd" | "hoursTimezone" | "outsideHours" | "outsideHoursMessage">;

export type AiBusinessHoursFieldsProps = {
  values: HoursValues;
  onChange: (values: Partial<HoursValues>) => void;
  errorFor: (field: string) => string | undefined;
  disabled?: boolean;
};

const zonesOfBrowser = (): string[] => {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone");
  return supported && supported.length > 0 ? supported : ["America/Sao_Paulo", "UTC"];
};

/** When the agent answers (always, or on some days between two times) and what it does outside those hours. */
export function AiBusinessHoursFields({ values, onChange, errorFor, disabled }: AiBusinessHoursFieldsProps) {
  const { t, locale, timeZone } = useI18n();
  const days = useMemo(() => weekdayNames(locale), [locale]);
  const zones = useMemo(() => zonesOfBrowser(), []);
  // An error about the whole object (e.g. a missing time) shows on the switch; one about a part, on that part.
  const partError = ["days", "start", "end", "timezone"].some((part) => errorFor(`business_hours.${part}`));
  const toggleDay = (day: number, on: boolean) => onChange({ hoursDays: on ? [...values.hoursDays, day] : values.hoursDays.filter((d) => d !== day) });

  return (
    <>
      <Field label={t("ai.hours.limited")} hint={t("ai.hours.limitedHint")} className="field-checkbox" error={partError ? undefined : errorFor("business_hours")}>
        {({ id, describedBy }) => (
          <input id={id} type="checkbox" checked={values.hoursLimited} disabled={disabled} aria-describedby={describedBy} onChange={(event) => onChange({ hoursLimited: event.target.checked })} />
        )}
      </Field>
      {values.hoursLimited && (
        <>
          <fieldset className="ai-fieldset">
            <legend>{t("ai.hours.days")}</legend>
            <div className="ai-day-list">
              {days.map(({ day, name }) => (
                <label key={day} className="ai-check">
                  <input type="checkbox" checked={values.hoursDays.includes(day)} disabled={disabled} onChange={(event) => toggleDay(day, event.target.checked)} /> {name}
                </label>
              ))}
            </div>
            {errorFor("business_hours.days") && (
              <p className="field-error" role="alert">
                {errorFor("business_hours.days")}
              </p>
            )}
          </fieldset>
          <div className="ai-grid-2">
            <TextField label={t("ai.hours.start")} type="time" value={values.hoursStart} required disabled={disabled} error={errorFor("business_hours.start")} onChange={(event) => onChange({ hoursStart: event.target.value })} />
            <TextField label={t("ai.hours.end")} type="time" value={values.hoursEnd} required disabled={disabled} error={errorFor("business_hours.end")} onChange={(event) => onChange({ hoursEnd: event.target.value })} />
          </div>
          <SelectField
            label={t("ai.hours.timezone")}
            value={values.hoursTimezone}
            disabled={disabled}
            error={errorFor("business_hours.timezone")}
            placeholder={t("ai.hours.companyZone", { zone: timeZone.replace(/_/g, " ") })}
            options={(values.hoursTimezone && !zones.includes(values.hoursTimezone) ? [values.hoursTimezone, ...zones] : zones).map((zone) => ({ value: zone, label: zone.replace(/_/g, " ") }))}
            onChange={(event) => onChange({ hoursTimezone: event.target.value })}
          />
          <SelectField
            label={t("ai.hours.outside")}
            value={values.outsideHours}
            disabled={disabled}
            error={errorFor("outside_hours")}
            options={[
              { value: "reply", label: t("ai.hours.outsideReply") },
              { value: "silent", label: t("ai.hours.outsideSilent") },
            ]}
            onChange={(event) => onChange({ outsideHours: event.target.value })}
          />
          {values.outsideHours === "reply" && (
            <TextAreaField
              label={t("ai.hours.message")}
              hint={t("ai.hours.messageHint")}
              rows={3}
              maxLength={1000}
              value={values.outsideHoursMessage}
              disabled={disabled}
              error={errorFor("outside_hours_message")}
              onChange={(event) => onChange({ outsideHoursMessage: event.target.value })}
            />
          )}
        </>
      )}
    </>
  );
}
