import { type FormEvent } from "react";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useTeamMutations } from "@/modules/team/hooks/useTeamMutations";
import { Button } from "@/ui/Button";
import { TextField } from "@/ui/TextField";
import { useNotify } from "@/ui/toast/useNotify";

/** Add someone to the team as an agent (a new account needs an initial password; an existing one is invited). */
export function AddMemberForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { add } = useTeamMutations();
  const notify = useNotify();
  const fieldError = (field: string) => (add.error instanceof ApiError ? add.error.fieldMessage(field) : undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    add.mutate(
      { email: String(form.get("email")), name: String(form.get("name")), password: password || null },
      {
        onSuccess: (member) => {
          notify.success(member.status === "invited" ? t("team.invitedToast", { email: member.email }) : t("team.added", { name: member.name }));
          onDone();
        },
        onError: (error) => !(error instanceof ApiError && error.fieldErrors.length > 0) && notify.error(error),
      },
    );
  };
  return (
    <form className="form" onSubmit={submit}>
      <TextField label={t("signup.name")} name="name" required error={fieldError("name")} />
      <TextField label={t("auth.email")} name="email" type="email" required error={fieldError("email")} />
      <TextField label={t("team.initialPassword")} name="password" type="password" minLength={10} autoComplete="new-password" hint={t("team.initialPasswordHint")} error={fieldError("password")} />
      <Button type="submit" variant="primary" busy={add.isPending}>
        {t("team.add")}
      </Button>
    </form>
  );
}
