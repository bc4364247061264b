import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import type { PendingAttachment } from "@/modules/inbox/types/PendingAttachment";
import type { UploadRules } from "@/modules/inbox/types/UploadRules";
import { checkAttachment } from "@/modules/inbox/utils/checkAttachment";
import { uploadMedia } from "@/modules/inbox/utils/uploadMedia";

/**
 * The composer's attached file: checked against the channel's upload rules, uploaded at once (with
 * progress) so sending is instant, previewed from an object URL freed when it goes.
 */
export function useAttachment(rules: UploadRules) {
  const { t } = useI18n();
  const [attachment, setAttachment] = useState<PendingAttachment | null>(null);
  const current = useRef<{ controller: AbortController; previewUrl: string | null } | null>(null);

  const release = useCallback(() => {
    current.current?.controller.abort();
    if (current.current?.previewUrl) URL.revokeObjectURL(current.current.previewUrl);
    current.current = null;
  }, []);

  useEffect(() => release, [release]);

  const clear = useCallback(() => {
    release();
    setAttachment(null);
  }, [release]);

  /** Attach `file`; returns the reason it cannot be sent, or null. */
  const attach = useCallback(
    (file: File): string | null => {
      const check = checkAttachment(file, rules);
      if (!check.ok) {
        return check.reason === "type"
          ? t("attachment.unsupported")
          : t("attachment.tooLarge", { limit: check.limitMb, type: t(`message.${check.kind}`) });
      }
      release();
      const controller = new AbortController();
      const previewUrl = check.kind === "image" ? URL.createObjectURL(file) : null;
      current.current = { controller, previewUrl };
      setAttachment({ file, kind: check.kind, previewUrl, progress: 0, upload: null, error: null });
      const update = (patch: Partial<PendingAttachment>) => setAttachment((state) => (state?.file === file ? { ...state, ...patch } : state));
      uploadMedia(file, { signal: controller.signal, onProgress: (progress) => update({ progress }) })
        .then((upload) => update({ upload, progress: 1 }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          update({ error: error instanceof ApiError && error.status !== 0 ? error.message : t("attachment.uploadFailed") });
        });
      return null;
    },
    [release, rules, t],
  );

  return { attachment, attach, clear };
}
