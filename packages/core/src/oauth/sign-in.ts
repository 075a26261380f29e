import { notOAuth, providerUnknown } from "../errors.js";
import type { ProviderRecord } from "../registry.js";
import { codeFlow } from "./code-flow.js";
import { deviceFlow, type DeviceCodePrompt } from "./device-flow.js";
import { defaultCodexAuthPath, importCodexAuth } from "./import-codex.js";
import { createOAuthClient, type OAuthClient } from "./oauth-client.js";
import type { SignInStatus, TokenEntry } from "./token-entry.js";
import type { SignedInToken, TokenStore } from "./token-store.js";

export interface LoginOptions {
  /** The device code flow (RFC 8628) instead of the browser flow. */
  device?: boolean;
  /** Adopt a Codex CLI auth.json instead of signing in: a path, or true for the default one. */
  importCodex?: string | true;
  /** Browser flow: the callback's port (default the manifest's; 0 picks a free one). */
  port?: number;
  /** Browser flow: show the URL to open (and open a browser when there is one). */
  onAuthorizeUrl?(url: string): void | Promise<void>;
  /** Browser flow: a redirect URL or code the user pasted instead. */
  pasted?: Promise<string | undefined>;
  /** Device flow: show the code and where to enter it. */
  onDeviceCode?(prompt: DeviceCodePrompt): void | Promise<void>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** `host.auth`: sign-in, sign-out and status for providers whose manifest declares auth.oauth. */
export interface HostAuth {
  /** The credentials file this host reads and writes. */
  readonly file: string;
  /**
   * Signs a provider in and stores its tokens; returns its status (never a token).
   * @throws SY_ERR_PROVIDER_UNKNOWN, SY_ERR_AUTH_NOT_OAUTH, SY_ERR_AUTH_SIGN_IN_FAILED, SY_ERR_AUTH_IMPORT_FAILED, SY_ERR_CONFIG_*
   */
  login(provider: string, options?: LoginOptions): Promise<SignInStatus>;
  /** Removes a provider's stored sign-in; false when there was none. @throws SY_ERR_PROVIDER_UNKNOWN, SY_ERR_AUTH_NOT_OAUTH */
  logout(provider: string): Promise<boolean>;
  /** Every sign-in provider: signed in or not, account, expiry. @throws SY_ERR_AUTH_STORE_UNREADABLE */
  status(): Promise<SignInStatus[]>;
}

/** The host's sign-in service: the flows for the CLI, and tokens for requests. */
export class SignIn implements HostAuth {
  private readonly clients = new Map<string, OAuthClient>();

  constructor(
    private readonly records: ReadonlyMap<string, ProviderRecord>,
    private readonly store: TokenStore,
    private readonly env: Readonly<Record<string, string | undefined>>,
    /** Called with every token read from the store, so extension messages can be scrubbed of it. */
    private readonly onSecret: (value: string) => void,
  ) {}

  get file(): string {
    return this.store.file;
  }

  async login(provider: string, options: LoginOptions = {}): Promise<SignInStatus> {
    const client = this.client(provider);
    let entry: TokenEntry;
    if (options.importCodex !== undefined) {
      entry = await importCodexAuth(client, options.importCodex === true ? defaultCodexAuthPath(this.env) : options.importCodex);
    } else if (options.device) {
      entry = await deviceFlow(client, { onPrompt: (prompt) => options.onDeviceCode?.(prompt), ...(options.signal ? { signal: options.signal } : {}) });
    } else {
      entry = await codeFlow(client, {
        onAuthorizeUrl: (url) => options.onAuthorizeUrl?.(url),
        ...(options.port !== undefined ? { port: options.port } : {}),
        ...(options.pasted ? { pasted: options.pasted } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      });
    }
    await this.store.save(provider, entry);
    return describeEntry(provider, client, entry);
  }

  async logout(provider: string): Promise<boolean> {
    this.client(provider);
    return this.store.remove(provider);
  }

  async status(): Promise<SignInStatus[]> {
    const entries = await this.store.entries();
    const result: SignInStatus[] = [];
    for (const record of this.records.values()) {
      if (!record.manifest.auth?.oauth || record.settings.error) continue;
      result.push(describeEntry(record.id, this.client(record.id), entries[record.id]));
    }
    return result;
  }

  /** Whether requests of this provider take their bearer from the store (no env token set). */
  usesStore(record: ProviderRecord): boolean {
    const auth = record.manifest.auth;
    return auth?.scheme === "oauth" && auth.oauth !== undefined && !(auth.env ?? []).some((name) => this.env[name]);
  }

  /** A live token for a request; `rejected` is one the server just refused with 401. See TokenStore.token. */
  async token(record: ProviderRecord, rejected?: string): Promise<SignedInToken> {
    const token = await this.store.token(this.client(record.id), record.manifest.auth?.env ?? [], rejected);
    this.onSecret(token.accessToken);
    return token;
  }

  private client(provider: string): OAuthClient {
    const cached = this.clients.get(provider);
    if (cached) return cached;
    const record = this.records.get(provider);
    if (!record) {
      const loaded = [...this.records.keys()].sort();
      throw providerUnknown(provider, loaded);
    }
    if (record.settings.error) throw record.settings.error;
    const declaration = record.manifest.auth?.oauth;
    if (!declaration || record.manifest.auth?.scheme !== "oauth") throw notOAuth(provider);
    const client = createOAuthClient(provider, declaration, record.settings.oauthIssuer ?? declaration.issuer);
    this.clients.set(provider, client);
    return client;
  }
}

function describeEntry(provider: string, client: OAuthClient, entry: TokenEntry | undefined): SignInStatus {
  const foreign = entry !== undefined && entry.issuer !== client.issuer;
  const expired = entry?.expiresAt !== undefined && entry.expiresAt <= Date.now();
  return {
    provider,
    signedIn: entry !== undefined && !foreign,
    issuer: entry?.issuer ?? client.issuer,
    account: entry?.accountId,
    expiresAt: entry?.expiresAt !== undefined ? new Date(entry.expiresAt).toISOString() : undefined,
    expired,
    refreshable: entry?.refreshToken !== undefined,
    source: entry?.source,
    note: foreign ? `stored for ${entry.issuer}; this provider now signs in at ${client.issuer}` : undefined,
  };
}
