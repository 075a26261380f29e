/** One provider's sign-in as the credentials file keeps it. Every string here but the ids is secret. */
export interface TokenEntry {
  /** The issuer that issued these tokens; the refresh token is sent nowhere else. */
  issuer: string;
  clientId: string;
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** Epoch ms when the access token expires (from `expires_in`, else its `exp` claim). */
  expiresAt?: number;
  /** The account header value from the token claim the manifest names. */
  accountId?: string;
  /** Epoch ms of the sign-in or the latest refresh. */
  updatedAt: number;
  source: "login" | "device" | "codex-import" | "refresh";
}

/** What `switchyard auth status` may show of an entry: never a token. */
export interface SignInStatus {
  provider: string;
  signedIn: boolean;
  issuer: string | undefined;
  account: string | undefined;
  expiresAt: string | undefined;
  expired: boolean;
  refreshable: boolean;
  source: TokenEntry["source"] | undefined;
  /** Set when the stored sign-in belongs to another issuer than the provider now uses. */
  note: string | undefined;
}
