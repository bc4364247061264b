import type { ReactNode, TextareaHTMLAttributes } from "react";
import { Field } from "@/ui/Field";

export type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & {
  label: string;
  hint?: ReactNode;
  error?: string;
};

/** A labelled multi-line text input. */
export function TextAreaField({ label, hint, error, className, ...textarea }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} className="input" aria-describedby={describedBy} aria-invalid={invalid || undefined} {...textarea} />
      )}
    </Field>
  );
}
