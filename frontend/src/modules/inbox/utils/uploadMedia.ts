import { ApiError } from "@/api/ApiError";
import type { MediaUpload, ProblemBody } from "@/api/schemas";
import { sessionStore } from "@/modules/auth/states/sessionStore";
import { refreshSession } from "@/modules/auth/utils/refreshSession";

type UploadOptions = { onProgress?: (fraction: number) => void; signal?: AbortSignal };

const send = (file: File, token: string | undefined, { onProgress, signal }: UploadOptions) =>
  new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    // XMLHttpRequest, not fetch: only it reports upload progress.
    const request = new XMLHttpRequest();
    request.open("POST", "/api/v1/media");
    if (token) request.setRequestHeader("Authorization", `Bearer ${token}`);
    request.responseType = "json";
    request.upload.onprogress = (event) => event.lengthComputable && onProgress?.(event.loaded / event.total);
    request.onload = () => resolve({ status: request.status, body: request.response });
    request.onerror = () => reject(new ApiError(0, { detail: "network error", code: "network_error" }));
    request.onabort = () => reject(new DOMException("aborted", "AbortError"));
    signal?.addEventListener("abort", () => request.abort());
    const form = new FormData();
    form.append("file", file, file.name);
    request.send(form);
  });

/**
 * Upload a file for a media message (`POST /api/v1/media`), reporting progress; resolves with the
 * stored upload (its `id` goes in `content.upload_id`), rejects with an `ApiError` (413 too large,
 * 422 wrong type). A 401 refreshes the session once and uploads again.
 */
export async function uploadMedia(file: File, options: UploadOptions = {}): Promise<MediaUpload> {
  const token = sessionStore.get()?.accessToken;
  let answer = await send(file, token, options);
  if (answer.status === 401 && token) {
    const session = await refreshSession(token);
    if (session) answer = await send(file, session.accessToken, options);
  }
  if (answer.status === 201) return answer.body as MediaUpload;
  throw new ApiError(answer.status, (answer.body ?? undefined) as ProblemBody | undefined);
}
