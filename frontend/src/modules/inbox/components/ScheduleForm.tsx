import { type FormEvent, useState } from "react";
import { useI18n } from "@/i18n/hooks/useI18n";
import { toZonedInput } from "@/modules/inbox/utils/toZonedInput";
import { zonedInputToIso } from "@/modules/inbox/utils/zonedInputToIso";
import { Button } from "@/ui/Button";
import { TextField } from "@/ui/TextField";

export type ScheduleFormProps = { busy?: boolean; onSubmit: (scheduledAt: string) => void };

/** Pick when to send: a date and time on the company's clock (its time zone), in the future. */
export function ScheduleForm({ busy, onSubmit }: ScheduleFormProps) {
  const { t, timeZone } = useI18n();
  const [value, setValue] = useState(() => toZonedInput(new Date(Date.now() + 60 * 60_000), timeZone));
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const iso = zonedInputToIso(value, timeZone);
    if (!iso || Date.parse(iso) <= Date.now()) {
      setError(t("schedule.future"));
      return;
    }
    onSubmit(iso);
  };
  return (
    <form className="form" onSubmit={submit}>
      <TextField
        label={t("schedule.when", { zone: timeZone })}
        type="datetime-local"
        required
        value={value}
        min={toZonedInput(new Date(), timeZone)}
        onChange={(event) => {
          setValue(event.target.value);
          setError(undefined);
        }}
        error={error}
        data-autofocus
      />
      <Button type="submit" variant="primary" busy={busy}>
        {t("schedule.submit")}
      </Button>
    </form>
  );
}
