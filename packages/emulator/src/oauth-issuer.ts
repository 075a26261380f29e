/**
 * The emulator's OAuth issuer: ChatGPT's sign-in at the same paths (see oauth-routes.ts), with
 * state kept in memory. Authorization codes are single-use and bound to their PKCE challenge and
 * redirect URI; refresh tokens rotate (a used one is refused, as OpenAI's issuer does); device
 * codes wait for an approval. Tokens are RS256 JWTs carrying ChatGPT's account claim.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { signJwt, verifiedClaims } from "./oauth-jwt.js";

/** The claim OpenAI puts its account facts under, in both the id token and the access token. */
export const ACCOUNT_CLAIM = "https://api.openai.com/auth";
export const DEFAULT_ACCOUNT_ID = "acct-emulator";
const hour = 3_600_000;

export interface OAuthOptions {
  /** The account every sign-in yields (default "acct-emulator"). */
  accountId?: string;
  /** Lifetime of access tokens from the token endpoint (default one hour). */
  accessTokenTtlMs?: number;
  /** The `interval` (seconds) device-code clients are told to poll at (default 1). */
  deviceIntervalSeconds?: number;
}

export interface OAuthStats {
  authorizations: number;
  tokenRequests: { authorization_code: number; refresh_token: number; device_code: number };
  /** Token requests answered with an OAuth error (bad PKCE, used refresh token, pending device…). */
  refusals: Record<string, number>;
}

/** A token endpoint outcome: tokens, or an RFC 6749 error with its HTTP status. */
export type TokenOutcome =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; status: number; error: string; description: string };

interface Grant {
  clientId: string;
  accountId: string;
  scope: string;
}

interface PendingCode extends Grant {
  redirectUri: string;
  challenge: string;
  expiresAt: number;
}

interface DeviceCode extends Grant {
  userCode: string;
  approved: boolean;
  expiresAt: number;
}

export type AccessTokenVerdict = "valid" | "expired" | "unknown";

const refuse = (error: string, description: string, status = 400): TokenOutcome => ({ ok: false, status, error, description });
const opaque = (): string => randomBytes(24).toString("base64url");

export class OAuthIssuer {
  #url = "http://issuer.invalid";
  #clockOffsetMs = 0;
  readonly #codes = new Map<string, PendingCode>();
  readonly #refresh = new Map<string, Grant & { used: boolean }>();
  readonly #devices = new Map<string, DeviceCode>();
  #stats: OAuthStats = OAuthIssuer.#emptyStats();

  constructor(private readonly options: OAuthOptions = {}) {}

  static #emptyStats(): OAuthStats {
    return { authorizations: 0, tokenRequests: { authorization_code: 0, refresh_token: 0, device_code: 0 }, refusals: {} };
  }

  /** The issuer identifier (`iss`): the emulator's own origin, set once it listens. */
  get url(): string {
    return this.#url;
  }

  bind(url: string): void {
    this.#url = url;
  }

  now(): number {
    return Date.now() + this.#clockOffsetMs;
  }

  /** Moves the issuer's clock forward, so tokens expire without a test waiting for them. */
  advanceClock(ms: number): void {
    this.#clockOffsetMs += ms;
  }

  get deviceIntervalSeconds(): number {
    return this.options.deviceIntervalSeconds ?? 1;
  }

  /** Auto-approves an authorization request: a single-use code bound to the PKCE challenge. */
  authorize(request: { clientId: string; redirectUri: string; scope: string; challenge: string }): string {
    this.#stats.authorizations += 1;
    const code = opaque();
    this.#codes.set(code, { ...request, accountId: this.#accountId(), expiresAt: this.now() + 60_000 });
    return code;
  }

  exchangeCode(params: { code: string; clientId: string; redirectUri: string; verifier: string }): TokenOutcome {
    this.#stats.tokenRequests.authorization_code += 1;
    const pending = this.#codes.get(params.code);
    this.#codes.delete(params.code);
    if (!pending || pending.expiresAt < this.now()) return this.#refused(refuse("invalid_grant", "The authorization code is unknown, used or expired."));
    if (pending.clientId !== params.clientId) return this.#refused(refuse("invalid_grant", "The authorization code was issued to another client."));
    if (pending.redirectUri !== params.redirectUri) return this.#refused(refuse("invalid_grant", "redirect_uri does not match the authorization request."));
    const challenge = createHash("sha256").update(params.verifier).digest("base64url");
    if (params.verifier.length < 43 || challenge !== pending.challenge) {
      return this.#refused(refuse("invalid_grant", "PKCE verification failed: code_verifier does not match the code_challenge."));
    }
    return { ok: true, body: this.#tokens(pending, true) };
  }

  refresh(params: { refreshToken: string; clientId: string }): TokenOutcome {
    this.#stats.tokenRequests.refresh_token += 1;
    const grant = this.#refresh.get(params.refreshToken);
    if (!grant) return this.#refused(refuse("invalid_grant", "The refresh token is unknown or was revoked."));
    if (grant.used) return this.#refused(refuse("refresh_token_reused", "Your refresh token has already been used to generate a new access token. Please try signing in again."));
    if (grant.clientId !== params.clientId) return this.#refused(refuse("invalid_grant", "The refresh token was issued to another client."));
    grant.used = true;
    return { ok: true, body: this.#tokens(grant, true) };
  }

  startDevice(clientId: string, scope: string): { deviceCode: string; userCode: string; expiresIn: number } {
    const deviceCode = opaque();
    const userCode = `${randomBytes(2).toString("hex")}-${randomBytes(2).toString("hex")}`.toUpperCase();
    this.#devices.set(deviceCode, { clientId, scope, accountId: this.#accountId(), userCode, approved: false, expiresAt: this.now() + 600_000 });
    return { deviceCode, userCode, expiresIn: 600 };
  }

  /** Approves the device sign-in with `userCode`, as the user's browser would. False when unknown. */
  approveDevice(userCode: string): boolean {
    for (const device of this.#devices.values()) {
      if (device.userCode === userCode.toUpperCase() && device.expiresAt > this.now()) {
        device.approved = true;
        return true;
      }
    }
    return false;
  }

  pollDevice(params: { deviceCode: string; clientId: string }): TokenOutcome {
    this.#stats.tokenRequests.device_code += 1;
    const device = this.#devices.get(params.deviceCode);
    if (!device || device.clientId !== params.clientId) return this.#refused(refuse("invalid_grant", "The device code is unknown."));
    if (device.expiresAt < this.now()) return this.#refused(refuse("expired_token", "The device code expired; start again."));
    if (!device.approved) return this.#refused(refuse("authorization_pending", "The user has not approved this sign-in yet."));
    this.#devices.delete(params.deviceCode);
    return { ok: true, body: this.#tokens(device, true) };
  }

  /** Revokes every refresh token, as a password change or a sign-out elsewhere would. */
  revokeRefreshTokens(): number {
    const count = this.#refresh.size;
    this.#refresh.clear();
    return count;
  }

  /** A signed access token for tests; `expiresInMs` may be negative for an already expired one. */
  issueAccessToken(options: { accountId?: string; expiresInMs?: number } = {}): string {
    return this.#accessToken(options.accountId ?? this.#accountId(), "emulator-tests", "openid profile email offline_access", options.expiresInMs ?? hour);
  }

  /** Is this bearer a live access token this issuer signed? */
  verifyAccessToken(token: string): AccessTokenVerdict {
    const claims = verifiedClaims(token);
    if (!claims || claims["iss"] !== this.#url || typeof claims["exp"] !== "number") return "unknown";
    return claims["exp"] * 1000 <= this.now() ? "expired" : "valid";
  }

  stats(): OAuthStats {
    return structuredClone(this.#stats);
  }

  resetStats(): void {
    this.#stats = OAuthIssuer.#emptyStats();
  }

  #accountId(): string {
    return this.options.accountId ?? DEFAULT_ACCOUNT_ID;
  }

  #refused(outcome: TokenOutcome): TokenOutcome {
    if (!outcome.ok) this.#stats.refusals[outcome.error] = (this.#stats.refusals[outcome.error] ?? 0) + 1;
    return outcome;
  }

  #tokens(grant: Grant, withRefresh: boolean): Record<string, unknown> {
    const ttlMs = this.options.accessTokenTtlMs ?? hour;
    const body: Record<string, unknown> = {
      access_token: this.#accessToken(grant.accountId, grant.clientId, grant.scope, ttlMs),
      token_type: "Bearer",
      expires_in: Math.floor(ttlMs / 1000),
      scope: grant.scope,
    };
    if (grant.scope.split(" ").includes("openid")) body["id_token"] = this.#idToken(grant);
    if (withRefresh) {
      const refreshToken = `rt_${opaque()}`;
      this.#refresh.set(refreshToken, { clientId: grant.clientId, accountId: grant.accountId, scope: grant.scope, used: false });
      body["refresh_token"] = refreshToken;
    }
    return body;
  }

  #accessToken(accountId: string, clientId: string, scope: string, ttlMs: number): string {
    const iat = Math.floor(this.now() / 1000);
    return signJwt({
      iss: this.#url,
      aud: ["https://api.openai.com/v1"],
      sub: `user-${accountId}`,
      client_id: clientId,
      scp: scope.split(" ").filter(Boolean),
      iat,
      exp: Math.floor((this.now() + ttlMs) / 1000),
      jti: randomUUID(),
      [ACCOUNT_CLAIM]: { chatgpt_account_id: accountId, chatgpt_plan_type: "plus" },
    });
  }

  #idToken(grant: Grant): string {
    // The real clock, not the advanced one: clients check an id token's times against their own.
    const iat = Math.floor(Date.now() / 1000);
    return signJwt({
      iss: this.#url,
      aud: grant.clientId,
      sub: `user-${grant.accountId}`,
      email: "developer@emulator.invalid",
      email_verified: true,
      iat,
      auth_time: iat,
      exp: iat + 3600,
      [ACCOUNT_CLAIM]: { chatgpt_account_id: grant.accountId, chatgpt_plan_type: "plus", organizations: [] },
    });
  }
}
