import { ApiError } from "@/api/ApiError";
import { sessionStore } from "@/modules/auth/states/sessionStore";
import { refreshSession } from "@/modules/auth/utils/refreshSession";

export type UploadOptions = { onProgress?: (fraction: number) => void; signal?: AbortSignal };

const send = (path: string, form: FormData, token: string | undefined, { onProgress, signal }: UploadOptions) =>
  new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    // XMLHttpRequest, not fetch: only it reports upload progress.
    const request = new XMLHttpRequest();
    request.open("POST", path);
    if (token) request.setRequestHeader("Authorization", `Bearer ${token}`);
    request.responseType = "json";
    request.upload.onprogress = (event) => event.lengthComputable && onProgress?.(event.loaded / event.total);
    request.onload = () => resolve({ status: request.status, body: request.response });
    request.onerror = () => reject(new ApiError(0, { detail: "network error", code: "network_error" }));
    request.onabort = () => reject(new DOMException("aborted", "AbortError"));
    signal?.addEventListener("abort", () => request.abort());
    request.send(form);
  });

/**
 * POST a multipart `form` to the API `path` with the session's token, reporting the upload's
 * progress (the one kind of call the typed client cannot make: fetch reports no upload progress).
 * A 401 refreshes the session once and sends again. Resolves with the status and the JSON body;
 * rejects with an `ApiError` of status 0 when the network fails.
 */
export async function uploadWithProgress(path: string, form: FormData, options: UploadOptions = {}): Promise<{ status: number; body: unknown }> {
  const token = sessionStore.get()?.accessToken;
  const answer = await send(path, form, token, options);
  if (answer.status !== 401 || !token) return answer;
  const session = await refreshSession(token);
  return session ? send(path, form, session.accessToken, options) : answer;
}
