import { type FormEvent, useState } from "react";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import { Blueprints } from "@/modules/auth/constants/Blueprints";
import { useAuthActions } from "@/modules/auth/hooks/useAuthActions";
import { suggestSlug } from "@/modules/auth/utils/suggestSlug";
import { Button } from "@/ui/Button";
import { TextField } from "@/ui/TextField";

/** Create a company (with its address and blueprint) and its owner's account. */
export function SignupForm() {
  const { t } = useI18n();
  const { signup } = useAuthActions();
  const [company, setCompany] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [blueprint, setBlueprint] = useState("generic");
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldMessage(field) : undefined);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signup({
        company,
        slug,
        name: String(form.get("name")),
        email: String(form.get("email")),
        password: String(form.get("password")),
        blueprint,
      });
    } catch (caught) {
      setError(caught as Error);
      setBusy(false);
    }
  };

  const general = error && !(error instanceof ApiError && error.fieldErrors.length > 0) ? (error instanceof ApiError ? error.message : t("error.network")) : null;

  return (
    <form onSubmit={submit} className="form" noValidate>
      <TextField
        label={t("signup.company")}
        name="company"
        required
        value={company}
        autoComplete="organization"
        error={fieldError("company")}
        onChange={(event) => {
          setCompany(event.target.value);
          if (!slugEdited) setSlug(suggestSlug(event.target.value));
        }}
      />
      <TextField
        label={t("signup.slug")}
        name="slug"
        required
        value={slug}
        hint={t("signup.slugHint")}
        error={fieldError("slug")}
        pattern="[a-z0-9][a-z0-9-]{1,38}[a-z0-9]"
        onChange={(event) => {
          setSlugEdited(true);
          setSlug(event.target.value.toLowerCase());
        }}
      />
      <TextField label={t("signup.name")} name="name" required autoComplete="name" error={fieldError("name")} />
      <TextField label={t("auth.email")} name="email" type="email" required autoComplete="email" error={fieldError("email")} />
      <TextField
        label={t("auth.password")}
        name="password"
        type="password"
        required
        minLength={10}
        autoComplete="new-password"
        hint={t("signup.passwordHint")}
        error={fieldError("password")}
      />
      <fieldset className="choice-group">
        <legend>{t("signup.blueprint")}</legend>
        {Blueprints.map((option) => (
          <label key={option.id} className={`choice ${blueprint === option.id ? "choice-selected" : ""}`}>
            <input type="radio" name="blueprint" value={option.id} checked={blueprint === option.id} onChange={() => setBlueprint(option.id)} />
            <span>
              <strong>{t(option.label)}</strong>
              <span className="muted">{t(option.description)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {general && (
        <p className="form-error" role="alert">
          {general}
        </p>
      )}
      <Button type="submit" variant="primary" busy={busy}>
        {t("signup.submit")}
      </Button>
    </form>
  );
}
