import type { ReactNode, SelectHTMLAttributes } from "react";
import { Field } from "@/ui/Field";

export type SelectOption = { value: string; label: string };

export type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  label: string;
  options: SelectOption[];
  /** A first option with an empty value (e.g. "All", "Nobody"). */
  placeholder?: string;
  hint?: ReactNode;
  error?: string;
};

/** A labelled native select (keyboard and screen-reader friendly on every device). */
export function SelectField({ label, options, placeholder, hint, error, className, ...select }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {({ id, describedBy, invalid }) => (
        <select id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...select}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
