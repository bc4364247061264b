import { Link, Navigate } from "react-router";
import { useI18n } from "@/i18n/hooks/useI18n";
import { AuthLayout } from "@/modules/auth/components/AuthLayout";
import { SignupForm } from "@/modules/auth/components/SignupForm";
import { useSession } from "@/modules/auth/hooks/useSession";

/** /signup */
export function SignupPage() {
  const { t } = useI18n();
  if (useSession()) return <Navigate to="/inbox" replace />;
  return (
    <AuthLayout
      title={t("signup.title")}
      subtitle={t("signup.subtitle")}
      footer={
        <>
          {t("auth.haveAccount")} <Link to="/login">{t("auth.login")}</Link>
        </>
      }
    >
      <SignupForm />
    </AuthLayout>
  );
}
