import { ApiError } from "@/api/ApiError";
import type { MediaUpload, ProblemBody } from "@/api/schemas";
import { type UploadOptions, uploadWithProgress } from "@/api/uploadWithProgress";

/**
 * Upload a file for a media message (`POST /api/v1/media`), reporting progress; resolves with the
 * stored upload (its `id` goes in `content.upload_id`), rejects with an `ApiError` (413 too large,
 * 422 wrong type). A 401 refreshes the session once and uploads again.
 */
export async function uploadMedia(file: File, options: UploadOptions = {}): Promise<MediaUpload> {
  const form = new FormData();
  form.append("file", file, file.name);
  const answer = await uploadWithProgress("/api/v1/media", form, options);
  if (answer.status === 201) return answer.body as MediaUpload;
  throw new ApiError(answer.status, (answer.body ?? undefined) as ProblemBody | undefined);
}
