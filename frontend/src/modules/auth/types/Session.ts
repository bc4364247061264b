/** The tokens of the signed-in session, shared by every tab of the browser. */
export type Session = {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds after which the access token is no longer accepted. */
  expiresAt: number;
  tenantSlug: string;
};
