import type { ReactNode } from "react";
import { I18nProvider } from "@/i18n/I18nProvider";
import { useMe } from "@/modules/auth/hooks/useMe";

/** The i18n provider set to the signed-in company's language and time zone. */
export function TenantI18n({ children }: { children: ReactNode }) {
  const me = useMe();
  return (
    <I18nProvider tenantLocale={me.data?.tenant.locale} timeZone={me.data?.tenant.timezone}>
      {children}
    </I18nProvider>
  );
}
