import { Copy } from "lucide-react";
import { useI18n } from "@/i18n/hooks/useI18n";
import { Field } from "@/ui/Field";
import { useNotify } from "@/ui/toast/useNotify";

export type CopyFieldProps = { label: string; value: string };

/** A read-only value to paste elsewhere, with a copy button. */
export function CopyField({ label, value }: CopyFieldProps) {
  const { t } = useI18n();
  const notify = useNotify();
  return (
    <Field label={label}>
      {({ id, describedBy }) => (
        <div className="copy-field">
          <input id={id} className="input mono" readOnly value={value} aria-describedby={describedBy} onFocus={(event) => event.target.select()} />
          <button
            type="button"
            className="icon-btn"
            aria-label={t("common.copyNamed", { name: label })}
            title={t("common.copy")}
            onClick={() => {
              void navigator.clipboard?.writeText(value).then(() => notify.success(t("common.copied")));
            }}
          >
            <Copy size={16} aria-hidden="true" />
          </button>
        </div>
      )}
    </Field>
  );
}
