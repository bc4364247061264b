import type { TokenPair } from "@/api/schemas";
import { sessionStore } from "@/modules/auth/states/sessionStore";
import type { Session } from "@/modules/auth/types/Session";
import { sessionFromPair } from "@/modules/auth/utils/sessionFromPair";

const LOCK_NAME = "atrium.refresh";
let inFlight: Promise<Session | null> | null = null;

async function exchange(stale: string): Promise<Session | null> {
  // Another tab may have rotated the refresh token while we waited for the lock: use its pair.
  const stored = sessionStore.reload();
  if (!stored) return null;
  if (stored.accessToken !== stale) return stored;
  const response = await fetch(`${globalThis.location.origin}/api/v1/auth/refresh`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ refresh_token: stored.refreshToken }),
  });
  if (!response.ok) {
    // 401: spent, expired or revoked (reuse detection ends the whole session): sign out.
    if (response.status === 401) sessionStore.set(null);
    return response.status === 401 ? null : stored;
  }
  const session = sessionFromPair((await response.json()) as TokenPair);
  sessionStore.set(session);
  return session;
}

/**
 * Replace the access token `stale` with a fresh one, once for the whole browser: concurrent
 * callers in this tab share one request, and other tabs wait on a Web Lock, then reuse the pair
 * the first one stored (a refresh token works once; spending it twice revokes the session).
 * Resolves to the new session, or null when the user must sign in again.
 */
export function refreshSession(stale: string): Promise<Session | null> {
  if (inFlight) return inFlight;
  const locks = globalThis.navigator?.locks;
  const run: Promise<Session | null> = locks ? locks.request(LOCK_NAME, () => exchange(stale)).then((session) => session) : exchange(stale);
  const shared = run.finally(() => {
    inFlight = null;
  });
  inFlight = shared;
  return shared;
}
