import { refreshFailed, signInRequired } from "../errors.js";
import { oauthErrorCode, refreshGrant, type OAuthClient } from "./oauth-client.js";
import type { TokenEntry } from "./token-entry.js";
import { readTokenFile, withFileLock, writeTokenFile } from "./token-file.js";

/** Refresh this long before the access token expires, so a turn never starts on a dying token. */
export const REFRESH_AHEAD_MS = 120_000;

/** What a request needs from a sign-in: the bearer and the account header value. */
export interface SignedInToken {
  accessToken: string;
  accountId: string | undefined;
}

/**
 * The token store over one credentials file. Reads are lock-free (writes are atomic renames);
 * a refresh takes the file lock and re-reads first, so when two processes find the same expired
 * token, one refreshes and the other uses its result. Within a process, concurrent turns share
 * one refresh per provider (single flight).
 */
export class TokenStore {
  private readonly inFlight = new Map<string, Promise<SignedInToken>>();

  constructor(
    readonly file: string,
    private readonly clock: () => number = Date.now,
  ) {}

  async entry(provider: string): Promise<TokenEntry | undefined> {
    return (await readTokenFile(this.file)).providers[provider];
  }

  async entries(): Promise<Record<string, TokenEntry>> {
    return (await readTokenFile(this.file)).providers;
  }

  async save(provider: string, entry: TokenEntry): Promise<void> {
    await withFileLock(this.file, async () => {
      const data = await readTokenFile(this.file);
      data.providers[provider] = entry;
      await writeTokenFile(this.file, data);
    });
  }

  /** Removes a provider's sign-in. Returns whether there was one. */
  async remove(provider: string): Promise<boolean> {
    return withFileLock(this.file, async () => {
      const data = await readTokenFile(this.file);
      if (!(provider in data.providers)) return false;
      delete data.providers[provider];
      await writeTokenFile(this.file, data);
      return true;
    });
  }

  /**
   * A usable token for `client.provider`, refreshed when it expires within REFRESH_AHEAD_MS, or
   * when `rejected` names the token the server just refused (a 401).
   * @throws SY_ERR_AUTH_SIGN_IN_REQUIRED (none stored, another issuer's, refresh refused),
   *   SY_ERR_AUTH_REFRESH_FAILED, SY_ERR_AUTH_STORE_UNREADABLE
   */
  async token(client: OAuthClient, env: readonly string[], rejected?: string): Promise<SignedInToken> {
    const entry = usable(await this.entry(client.provider), client, env);
    if (!this.needsRefresh(entry, rejected)) return { accessToken: entry.accessToken, accountId: entry.accountId };
    let flight = this.inFlight.get(client.provider);
    if (!flight) {
      flight = this.refreshLocked(client, env, rejected).finally(() => this.inFlight.delete(client.provider));
      this.inFlight.set(client.provider, flight);
    }
    return flight;
  }

  private needsRefresh(entry: TokenEntry, rejected: string | undefined): boolean {
    if (rejected !== undefined && entry.accessToken === rejected) return true;
    return entry.expiresAt !== undefined && entry.expiresAt - this.clock() < REFRESH_AHEAD_MS;
  }

  private refreshLocked(client: OAuthClient, env: readonly string[], rejected: string | undefined): Promise<SignedInToken> {
    return withFileLock(this.file, async () => {
      // Another process may have refreshed while this one waited for the lock: use its token.
      const data = await readTokenFile(this.file);
      const entry = usable(data.providers[client.provider], client, env);
      if (!this.needsRefresh(entry, rejected)) return { accessToken: entry.accessToken, accountId: entry.accountId };
      if (!entry.refreshToken) throw signInRequired(client.provider, "the stored sign-in has expired and holds no refresh token", env);
      let fresh: TokenEntry;
      try {
        fresh = await refreshGrant(client, entry);
      } catch (error) {
        const code = oauthErrorCode(error);
        if (code !== undefined) {
          // The issuer refused the refresh token (revoked, reused, expired): it will never work again.
          delete data.providers[client.provider];
          await writeTokenFile(this.file, data);
          throw signInRequired(client.provider, `${client.issuerOrigin} refused the stored refresh token (${code})`, env);
        }
        throw refreshFailed(client.provider, client.issuerOrigin, error instanceof Error ? error.message : "unknown error", error);
      }
      data.providers[client.provider] = fresh;
      await writeTokenFile(this.file, data);
      return { accessToken: fresh.accessToken, accountId: fresh.accountId };
    });
  }
}

/** The stored entry, when it belongs to this provider's issuer and client. */
function usable(entry: TokenEntry | undefined, client: OAuthClient, env: readonly string[]): TokenEntry {
  if (!entry) return notSignedIn(client, env);
  if (entry.issuer !== client.issuer || entry.clientId !== client.declaration.clientId) {
    throw signInRequired(client.provider, `the stored sign-in is for ${entry.issuer}, but the provider now signs in at ${client.issuer}`, env);
  }
  return entry;
}

function notSignedIn(client: OAuthClient, env: readonly string[]): never {
  throw signInRequired(client.provider, "it is not signed in", env);
}
