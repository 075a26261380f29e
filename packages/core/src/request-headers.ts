import { credentialOrigin, type ProviderHooks, type TransportKind } from "@switchyard/sdk";
import { requireCredentials, type Credentials } from "./auth.js";
import type { ExtensionCode } from "./extension-code.js";
import type { ProviderRecord } from "./registry.js";

export interface RequestHeaders {
  headers: Record<string, string>;
  /** Lowercased names whose values are secrets. */
  secretHeaders: string[];
}

/**
 * The headers a request to `url` over `kind` carries, the same for a turn and a probe: the
 * transport's literal headers, config headers, then credentials from the manifest's `auth` (or
 * from the provider's resolveAuth hook instead). `required` makes missing credentials an error
 * (SY_ERR_AUTH_MISSING); a probe sends what it has.
 */
export async function requestHeaders(
  record: ProviderRecord,
  hooks: ProviderHooks,
  credentials: Credentials,
  kind: TransportKind,
  url: string,
  deps: { code: ExtensionCode; env: Readonly<Record<string, string | undefined>>; signal?: AbortSignal | undefined },
  required: boolean,
): Promise<RequestHeaders> {
  const settings = record.settings;
  const literal = kind === "websocket" ? settings.websocketHeaders : settings.httpHeaders;
  const configSecrets = Object.keys(settings.configHeaders).map((name) => name.toLowerCase());
  const resolveAuth = hooks.resolveAuth;
  let auth: RequestHeaders = credentials;
  if (resolveAuth) {
    const extensionId = record.extension.manifest.id;
    const context = { extensionId, providerId: record.id, env: deps.env, transport: kind, origin: credentialOrigin(url) ?? url, headers: credentials.headers };
    const returned = await deps.code.call(extensionId, record.id, "resolveAuth", (signal) => resolveAuth({ ...context, signal }), { signal: deps.signal });
    const lowered: Record<string, string> = {};
    for (const [name, value] of Object.entries(returned ?? {})) lowered[name.toLowerCase()] = String(value);
    auth = { headers: lowered, secretHeaders: Object.keys(lowered) };
  } else if (required) {
    requireCredentials(credentials, record.id);
  }
  return {
    headers: { ...literal, ...settings.configHeaders, ...auth.headers },
    secretHeaders: [...auth.secretHeaders, ...configSecrets],
  };
}
