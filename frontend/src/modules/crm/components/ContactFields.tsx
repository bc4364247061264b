import { type FormEvent, useState } from "react";
import { ApiError } from "@/api/ApiError";
import type { ContactDetail } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useUpdateContact } from "@/modules/crm/hooks/useUpdateContact";
import { Button } from "@/ui/Button";
import { TextField } from "@/ui/TextField";
import { useNotify } from "@/ui/toast/useNotify";

/** The contact's name, phone, e-mail and custom fields, editable. */
export function ContactFields({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const update = useUpdateContact();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const custom = Object.entries(contact.custom_fields ?? {});
  const fieldError = (field: string) => (update.error instanceof ApiError ? update.error.fieldMessage(field) : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim() || null;
    const customFields = Object.fromEntries(custom.map(([key]) => [key, String(form.get(`custom.${key}`) ?? "")]));
    update.mutate(
      { id: contact.id, patch: { name: value("name"), phone: value("phone"), email: value("email"), custom_fields: customFields } },
      {
        onSuccess: () => {
          setEditing(false);
          notify.success(t("common.saved"));
        },
        onError: (error) => !(error instanceof ApiError && error.fieldErrors.length > 0) && notify.error(error),
      },
    );
  };

  if (!editing) {
    return (
      <div className="crm-fields">
        <dl className="definition">
          <dt>{t("contact.phone")}</dt>
          <dd>{contact.phone ?? "—"}</dd>
          <dt>{t("contact.email")}</dt>
          <dd>{contact.email ?? "—"}</dd>
          {custom.map(([key, value]) => (
            <div key={key} className="definition-row">
              <dt>{key}</dt>
              <dd>{typeof value === "string" || typeof value === "number" ? value : JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
        <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
          {t("contact.edit")}
        </Button>
      </div>
    );
  }
  return (
    <form className="form crm-fields" onSubmit={submit}>
      <TextField label={t("contact.name")} name="name" defaultValue={contact.name ?? ""} error={fieldError("name")} />
      <TextField label={t("contact.phone")} name="phone" type="tel" defaultValue={contact.phone ?? ""} error={fieldError("phone")} />
      <TextField label={t("contact.email")} name="email" type="email" defaultValue={contact.email ?? ""} error={fieldError("email")} />
      {custom.map(([key, value]) => (
        <TextField key={key} label={key} name={`custom.${key}`} defaultValue={typeof value === "string" ? value : JSON.stringify(value)} />
      ))}
      <div className="row">
        <Button type="submit" size="sm" variant="primary" busy={update.isPending}>
          {t("common.save")}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
          {t("common.cancel")}
        </Button>
      </div>
    </form>
  );
}
