import { useState } from "react";
import type { Me } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useAuthActions } from "@/modules/auth/hooks/useAuthActions";
import { SelectField } from "@/ui/SelectField";
import { useNotify } from "@/ui/toast/useNotify";

/** Switch to another company of the user (only shown when they have more than one). */
export function TenantSwitcher({ me }: { me: Me }) {
  const { t } = useI18n();
  const { switchTenant } = useAuthActions();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (me.tenants.length < 2) return null;
  return (
    <SelectField
      label={t("layout.company")}
      value={me.tenant.slug}
      disabled={busy}
      onChange={async (event) => {
        setBusy(true);
        try {
          await switchTenant(event.target.value);
        } catch (error) {
          notify.error(error);
        } finally {
          setBusy(false);
        }
      }}
      options={me.tenants.map((tenant) => ({ value: tenant.slug, label: tenant.name }))}
    />
  );
}
