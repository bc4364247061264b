import type { TokenPair } from "@/api/schemas";
import type { Session } from "@/modules/auth/types/Session";

/** The session a token pair answered by sign-up, login, refresh or switch opens. */
export const sessionFromPair = (pair: TokenPair, now = Date.now()): Session => ({
  accessToken: pair.access_token,
  refreshToken: pair.refresh_token,
  expiresAt: now + pair.expires_in * 1000,
  tenantSlug: pair.tenant.slug,
});
