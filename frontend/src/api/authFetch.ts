import { sessionStore } from "@/modules/auth/states/sessionStore";
import { refreshSession } from "@/modules/auth/utils/refreshSession";

const withToken = (request: Request, token: string | undefined): Request => {
  const next = new Request(request);
  if (token) next.headers.set("Authorization", `Bearer ${token}`);
  return next;
};

/**
 * `fetch` for the API: sends the session's bearer token and, on a 401, refreshes the session
 * once and repeats the request with the new token. A second 401 is returned as is.
 */
export async function authFetch(request: Request): Promise<Response> {
  const token = sessionStore.get()?.accessToken;
  const retry = request.clone();
  const response = await fetch(withToken(request, token));
  if (response.status !== 401 || !token) return response;
  const session = await refreshSession(token);
  if (!session) return response;
  return fetch(withToken(retry, session.accessToken));
}
