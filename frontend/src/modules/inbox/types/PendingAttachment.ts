import type { MediaUpload } from "@/api/schemas";
import type { MediaKind } from "@/modules/inbox/types/UploadRules";

/** A file attached in the composer: uploading (`progress` 0..1), uploaded (`upload`), or refused (`error`). */
export type PendingAttachment = {
  file: File;
  kind: MediaKind;
  previewUrl: string | null;
  progress: number;
  upload: MediaUpload | null;
  error: string | null;
};
