import { credentialOrigin, type ProviderHooks, type TransportKind } from "@switchyard/sdk";
import { requireCredentials, type Credentials } from "./auth.js";
import { perCredential } from "./credential-cache.js";
import type { ExtensionCode } from "./extension-code.js";
import type { SignIn } from "./oauth/sign-in.js";
import type { ProviderRecord } from "./registry.js";

export interface RequestHeaders {
  headers: Record<string, string>;
  /** Lowercased names whose values are secrets. */
  secretHeaders: string[];
  /** The access token taken from the sign-in store, when it was (a 401 then triggers one refresh). */
  signedIn?: string;
}

/**
 * The headers a request to `url` over `kind` carries, the same for a turn and a probe: the
 * transport's literal headers, config headers, then credentials from the manifest's `auth` (or
 * from the provider's resolveAuth hook instead, or from the sign-in store for an oauth provider
 * with no env token). `required` makes missing credentials an error (SY_ERR_AUTH_MISSING,
 * SY_ERR_AUTH_SIGN_IN_REQUIRED); a probe sends what it has. `rejected` is a stored token the
 * server just refused: the store refreshes it once.
 */
export function requestHeaders(
  record: ProviderRecord,
  hooks: ProviderHooks,
  credentials: Credentials,
  kind: TransportKind,
  url: string,
  deps: { code: ExtensionCode; env: Readonly<Record<string, string | undefined>>; signIn: SignIn; signal?: AbortSignal | undefined },
  required: boolean,
  rejected?: string,
): RequestHeaders | Promise<RequestHeaders> {
  // Credentials from the environment need no await: the headers are built once per credential.
  if (!hooks.resolveAuth && !credentials.signIn) {
    if (required) requireCredentials(credentials, record.id);
    return envHeaders(record, credentials, kind);
  }
  return hookOrStoreHeaders(record, hooks, credentials, kind, url, deps, required, rejected);
}

/** requestHeaders() when a resolveAuth hook or the sign-in store is involved: awaited. */
async function hookOrStoreHeaders(...[record, hooks, credentials, kind, url, deps, required, rejected]: Parameters<typeof requestHeaders>): Promise<RequestHeaders> {
  const resolveAuth = hooks.resolveAuth;
  let auth: RequestHeaders = credentials;
  if (resolveAuth) {
    const extensionId = record.extension.manifest.id;
    const context = { extensionId, providerId: record.id, env: deps.env, transport: kind, origin: credentialOrigin(url) ?? url, headers: { ...credentials.headers } };
    const returned = await deps.code.call(extensionId, record.id, "resolveAuth", (signal) => resolveAuth({ ...context, signal }), { signal: deps.signal });
    const lowered: Record<string, string> = {};
    for (const [name, value] of Object.entries(returned ?? {})) lowered[name.toLowerCase()] = String(value);
    auth = { headers: lowered, secretHeaders: Object.keys(lowered) };
  } else if (credentials.signIn) {
    const stored = await signedInHeaders(record, credentials, deps.signIn, required, rejected);
    if (stored) auth = stored;
  }
  return withSettingsHeaders(record, kind, auth);
}

/** The transport's literal headers and the config headers, then the credential's (which win); config header values are secrets too. */
function withSettingsHeaders(record: ProviderRecord, kind: TransportKind, auth: RequestHeaders): RequestHeaders {
  const settings = record.settings;
  const literal = kind === "websocket" ? settings.websocketHeaders : settings.httpHeaders;
  const configSecrets = Object.keys(settings.configHeaders).map((name) => name.toLowerCase());
  return {
    headers: { ...literal, ...settings.configHeaders, ...auth.headers },
    secretHeaders: [...auth.secretHeaders, ...configSecrets],
    ...(auth.signedIn ? { signedIn: auth.signedIn } : {}),
  };
}

/** Literal, config and environment credential headers: the same every turn until a value changes, so built once. */
const envHeaders = perCredential((record, credentials, kind): RequestHeaders => {
  const { headers, secretHeaders } = withSettingsHeaders(record, kind, credentials);
  return Object.freeze({ headers: Object.freeze(headers) as Record<string, string>, secretHeaders: Object.freeze(secretHeaders) as string[] });
});

/** Bearer and account header from the store; a probe (not required) sends none when signed out. */
async function signedInHeaders(record: ProviderRecord, credentials: Credentials, signIn: SignIn, required: boolean, rejected: string | undefined): Promise<RequestHeaders | undefined> {
  let token: Awaited<ReturnType<SignIn["token"]>>;
  try {
    token = await signIn.token(record, rejected);
  } catch (error) {
    if (required) throw error;
    return undefined;
  }
  const headers: Record<string, string> = { ...credentials.headers, authorization: `Bearer ${token.accessToken}` };
  const claim = record.manifest.auth?.oauth?.accountClaim;
  if (claim && token.accountId) headers[claim.header.toLowerCase()] = token.accountId;
  return { headers, secretHeaders: [...new Set([...credentials.secretHeaders, ...Object.keys(headers)])], signedIn: token.accessToken };
}
