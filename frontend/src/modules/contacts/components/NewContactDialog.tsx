import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useCreateContact } from "@/modules/contacts/hooks/useCreateContact";
import { useStages } from "@/modules/workspace/hooks/useStages";
import { Button } from "@/ui/Button";
import { Dialog } from "@/ui/Dialog";
import { SelectField } from "@/ui/SelectField";
import { TextField } from "@/ui/TextField";
import { useNotify } from "@/ui/toast/useNotify";

export type NewContactDialogProps = { open: boolean; onClose: () => void };

/** Add a contact by hand (name, phone, e-mail, lead status). */
export function NewContactDialog({ open, onClose }: NewContactDialogProps) {
  const { t } = useI18n();
  const create = useCreateContact();
  const stages = useStages();
  const notify = useNotify();
  const navigate = useNavigate();
  const [stage, setStage] = useState("");
  const fieldError = (field: string) => (create.error instanceof ApiError ? create.error.fieldMessage(field) : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim() || null;
    create.mutate(
      { name: value("name"), phone: value("phone"), email: value("email"), stage_key: stage || null },
      {
        onSuccess: (contact) => {
          onClose();
          navigate(`/contacts/${contact.id}`);
        },
        onError: (error) => !(error instanceof ApiError && error.fieldErrors.length > 0) && notify.error(error),
      },
    );
  };

  return (
    <Dialog open={open} title={t("contacts.new")} onClose={onClose} closeLabel={t("common.close")}>
      <form className="form" onSubmit={submit}>
        <TextField label={t("contact.name")} name="name" error={fieldError("name")} />
        <TextField label={t("contact.phone")} name="phone" type="tel" placeholder="+55 11 98765-4321" error={fieldError("phone")} />
        <TextField label={t("contact.email")} name="email" type="email" error={fieldError("email")} />
        <SelectField
          label={t("crm.leadStatus")}
          value={stage}
          placeholder={t("crm.noStage")}
          onChange={(event) => setStage(event.target.value)}
          options={(stages.data ?? []).map((item) => ({ value: item.key, label: item.name }))}
          error={fieldError("stage_key")}
        />
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t("common.create")}
        </Button>
      </form>
    </Dialog>
  );
}
