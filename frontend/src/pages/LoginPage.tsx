import { Link, Navigate } from "react-router";
import { useI18n } from "@/i18n/hooks/useI18n";
import { AuthLayout } from "@/modules/auth/components/AuthLayout";
import { LoginForm } from "@/modules/auth/components/LoginForm";
import { useSession } from "@/modules/auth/hooks/useSession";

/** /login */
export function LoginPage() {
  const { t } = useI18n();
  if (useSession()) return <Navigate to="/inbox" replace />;
  return (
    <AuthLayout
      title={t("auth.loginTitle")}
      footer={
        <>
          {t("auth.noAccount")} <Link to="/signup">{t("auth.createAccount")}</Link>
        </>
      }
    >
      <LoginForm />
    </AuthLayout>
  );
}
