import { useMemo } from "react";
import { toast } from "sonner";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import type { MessageKey } from "@/i18n/types/MessageKey";

const TITLE_BY_STATUS: Record<number, MessageKey> = {
  401: "error.unauthorized",
  403: "error.forbidden",
  404: "error.notFound",
  409: "error.conflict",
  422: "error.invalid",
  429: "error.rateLimited",
};

/** Toasts for the result of an action: `success(text)`, `error(err)` (API problems explained). */
export function useNotify() {
  const { t } = useI18n();
  return useMemo(
    () => ({
      success: (text: string) => toast.success(text),
      error: (error: unknown) => {
        if (error instanceof ApiError) {
          const key = TITLE_BY_STATUS[error.status] ?? "error.generic";
          toast.error(t(key), { description: error.status >= 500 ? undefined : error.message });
        } else {
          toast.error(t("error.network"));
        }
      },
    }),
    [t],
  );
}
