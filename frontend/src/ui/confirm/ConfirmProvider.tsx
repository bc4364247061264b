import { type ReactNode, useCallback, useState } from "react";
import { useI18n } from "@/i18n/hooks/useI18n";
import { Button } from "@/ui/Button";
import { ConfirmContext } from "@/ui/confirm/ConfirmContext";
import type { ConfirmOptions } from "@/ui/confirm/ConfirmOptions";
import { Dialog } from "@/ui/Dialog";

type Pending = ConfirmOptions & { resolve: (ok: boolean) => void };

/** Provides `useConfirm()`: one confirm dialog for the whole panel. */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [pending, setPending] = useState<Pending | null>(null);

  const confirm = useCallback(
    (options: ConfirmOptions) => new Promise<boolean>((resolve) => setPending({ ...options, resolve })),
    [],
  );
  const settle = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };

  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      <Dialog open={pending !== null} title={pending?.title ?? ""} onClose={() => settle(false)} closeLabel={t("common.close")} size="sm">
        {pending?.body && <p>{pending.body}</p>}
        <div className="dialog-actions">
          <Button onClick={() => settle(false)} data-autofocus={pending?.destructive ? "" : undefined}>
            {t("common.cancel")}
          </Button>
          <Button variant={pending?.destructive ? "danger" : "primary"} onClick={() => settle(true)} data-autofocus={pending?.destructive ? undefined : ""}>
            {pending?.confirmLabel}
          </Button>
        </div>
      </Dialog>
    </ConfirmContext.Provider>
  );
}
