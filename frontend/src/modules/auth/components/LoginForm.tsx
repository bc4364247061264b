import { type FormEvent, useState } from "react";
import { useSearchParams } from "react-router";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useAuthActions } from "@/modules/auth/hooks/useAuthActions";
import { Button } from "@/ui/Button";
import { TextField } from "@/ui/TextField";

/** E-mail and password (and, optionally, which company) to sign in. */
export function LoginForm() {
  const { t } = useI18n();
  const { login } = useAuthActions();
  const [params] = useSearchParams();
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const next = params.get("next");
      await login(
        { email: String(form.get("email")), password: String(form.get("password")) },
        next && next.startsWith("/") && !next.startsWith("//") ? next : undefined,
      );
    } catch (caught) {
      setError(caught as Error);
      setBusy(false);
    }
  };

  const message =
    error instanceof ApiError
      ? error.status === 401
        ? t("auth.wrongCredentials")
        : error.status === 429
          ? t("error.rateLimited")
          : error.message
      : error
        ? t("error.network")
        : null;

  return (
    <form onSubmit={submit} className="form" noValidate>
      <TextField label={t("auth.email")} name="email" type="email" autoComplete="username" required />
      <TextField label={t("auth.password")} name="password" type="password" autoComplete="current-password" required />
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      <Button type="submit" variant="primary" busy={busy}>
        {t("auth.login")}
      </Button>
    </form>
  );
}
