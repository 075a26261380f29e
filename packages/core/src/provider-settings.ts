import {
  apiSpeaksTransport,
  credentialOrigin,
  hasUrlCredentials,
  type ApiDeclaration,
  isInsideOrigins,
  isLoopbackHost,
  redactUrlCredentials,
  tryParseUrl,
  type ProviderManifest,
  type SwitchyardError,
} from "@switchyard/sdk";
import type { ProviderConfig } from "./config.js";
import { configForeignOrigin, configInsecureUrl, configUrlCredentials, configWebsocketNotDeclared, oauthNotDeclared } from "./errors.js";
import { DEFAULT_COOLDOWN_MS, DEFAULT_MAX_COOLDOWN_MS, healthKey } from "./health.js";
import type { SelectorFacts, TransportPolicy } from "./selector.js";

/**
 * A provider's effective settings: its manifest with the user's config (and `baseUrlEnv`) applied.
 * Computed once when the host is created, so resolving a route does no parsing.
 */
export interface ProviderSettings {
  baseUrl: string;
  baseUrlSource: "manifest" | "config" | "env";
  httpUrl: string | undefined;
  httpHeaders: Readonly<Record<string, string>>;
  origins: readonly string[];
  websocket: SelectorFacts["websocket"];
  /** The websocket URL's credential origin, and its health memory key (precomputed). */
  websocketOrigin: string | undefined;
  healthKey: string | undefined;
  websocketHeaders: Readonly<Record<string, string>>;
  websocketLimits: { maxConnectionAgeMs?: number; maxInFlight?: number };
  baseUrlOverride: SelectorFacts["baseUrlOverride"];
  allowExperimental: boolean;
  policy: TransportPolicy | undefined;
  configHeaders: Readonly<Record<string, string>>;
  cooldownMs: number;
  maxCooldownMs: number;
  timeouts: ProviderConfig["timeouts"];
  /** The sign-in issuer (config `oauthIssuer` or the manifest's), for providers with auth.oauth. */
  oauthIssuer: string | undefined;
  /** A config error for this provider only: raised when it is used, so others keep working. */
  error: SwitchyardError | undefined;
}

/**
 * @param foreignOrigins origins other providers declare: a config may not send this provider's
 *   credentials there (the motivating bug: a Codex token sent to api.openai.com).
 * @param apis the apis the loaded extensions can speak: which transports each has, its default HTTP path.
 */
export function settleProvider(
  provider: ProviderManifest,
  config: ProviderConfig | undefined,
  env: Readonly<Record<string, string | undefined>>,
  foreignOrigins: ReadonlyMap<string, string>,
  apis: ReadonlyMap<string, ApiDeclaration>,
): ProviderSettings {
  const fromEnv = provider.baseUrlEnv ? env[provider.baseUrlEnv] : undefined;
  const baseUrlSource = config?.baseUrl ? "config" : fromEnv ? "env" : "manifest";
  // A URL with user:password@ makes the provider unusable, and is kept only redacted, so no
  // output (providers --json, explain, a route) can ever show it.
  const credentialed = urlWithCredentials(provider, config, fromEnv);
  const baseUrl = redactUrlCredentials((config?.baseUrl ?? fromEnv ?? provider.baseUrl).replace(/\/+$/, ""));
  const manifestOrigin = credentialOrigin(provider.baseUrl);
  const baseOrigin = credentialOrigin(baseUrl);
  const origins = [...provider.origins];
  let baseUrlOverride: ProviderSettings["baseUrlOverride"];
  let error: SwitchyardError | undefined = credentialed;
  if (baseUrlSource !== "manifest" && baseOrigin && baseOrigin !== manifestOrigin) {
    baseUrlOverride = { origin: baseOrigin, source: baseUrlSource };
    if (!isInsideOrigins(baseUrl, origins)) origins.push(baseOrigin);
  }
  for (const [what, url] of [
    ["baseUrl", baseUrlSource === "manifest" ? undefined : baseUrl],
    ["websocketUrl", config?.websocketUrl],
  ] as const) {
    error ??= url === undefined ? undefined : checkOverride(provider.id, what, url, foreignOrigins);
  }
  const declared = provider.transports.websocket && apiSpeaksTransport(provider.api, "websocket", apis) ? provider.transports.websocket : undefined;
  if (config?.websocketUrl && !declared) {
    // Config may move a declared transport, never create one: the manifest is what declares it.
    error ??= configWebsocketNotDeclared(provider.id);
  }
  const oauth = provider.auth?.oauth;
  if (config?.oauthIssuer) error ??= oauth ? checkOverride(provider.id, "oauthIssuer", config.oauthIssuer, foreignOrigins) : oauthNotDeclared(provider.id);
  const chosenWebsocketUrl = config?.websocketUrl && declared ? config.websocketUrl : declared?.url;
  const websocketUrl = chosenWebsocketUrl === undefined ? undefined : redactUrlCredentials(chosenWebsocketUrl);
  const websocket: SelectorFacts["websocket"] = declared
    ? {
        url: websocketUrl,
        urlSource: config?.websocketUrl ? "config" : "manifest",
        stability: declared.stability ?? "stable",
        insideOrigins: websocketUrl !== undefined && isInsideOrigins(websocketUrl, origins),
      }
    : undefined;
  const websocketOrigin = websocketUrl ? credentialOrigin(websocketUrl) : undefined;
  const http = provider.transports.http;
  return {
    baseUrl,
    baseUrlSource,
    httpUrl: http && apiSpeaksTransport(provider.api, "http", apis) ? `${baseUrl}${http.path ?? apis.get(provider.api)?.httpPath ?? "/"}` : undefined,
    httpHeaders: Object.freeze({ ...http?.headers }),
    origins: Object.freeze(origins),
    websocket,
    websocketOrigin,
    healthKey: websocketOrigin ? healthKey(provider.id, websocketOrigin) : undefined,
    websocketHeaders: Object.freeze({ ...declared?.headers }),
    websocketLimits: { maxConnectionAgeMs: declared?.maxConnectionAgeMs, maxInFlight: declared?.maxInFlight },
    baseUrlOverride,
    allowExperimental: config?.allowExperimental ?? false,
    policy: config?.transport,
    configHeaders: Object.freeze({ ...config?.headers }),
    cooldownMs: config?.cooldownMs ?? DEFAULT_COOLDOWN_MS,
    maxCooldownMs: config?.maxCooldownMs ?? Math.max(DEFAULT_MAX_COOLDOWN_MS, config?.cooldownMs ?? 0),
    timeouts: config?.timeouts,
    oauthIssuer: oauth ? (config?.oauthIssuer ?? oauth.issuer).replace(/\/+$/, "") : undefined,
    error,
  };
}

function urlWithCredentials(provider: ProviderManifest, config: ProviderConfig | undefined, fromEnv: string | undefined): SwitchyardError | undefined {
  if (config?.baseUrl && hasUrlCredentials(config.baseUrl)) return configUrlCredentials(provider.id, "baseUrl", "config");
  if (config?.websocketUrl && hasUrlCredentials(config.websocketUrl)) return configUrlCredentials(provider.id, "websocketUrl", "config");
  if (config?.oauthIssuer && hasUrlCredentials(config.oauthIssuer)) return configUrlCredentials(provider.id, "oauthIssuer", "config");
  if (fromEnv && hasUrlCredentials(fromEnv)) return configUrlCredentials(provider.id, "baseUrl", `$${provider.baseUrlEnv}`);
  return undefined;
}

function checkOverride(providerId: string, what: string, url: string, foreignOrigins: ReadonlyMap<string, string>): SwitchyardError | undefined {
  const parsed = tryParseUrl(url);
  if (!parsed) return undefined; // the config schema already rejected it
  const secure = parsed.protocol === "https:" || parsed.protocol === "wss:";
  if (!secure && !isLoopbackHost(parsed.hostname)) {
    return configInsecureUrl(providerId, what, url, parsed.protocol);
  }
  const origin = credentialOrigin(parsed);
  const owner = origin && !isLoopbackHost(parsed.hostname) ? foreignOrigins.get(origin) : undefined;
  if (owner && owner !== providerId) {
    return configForeignOrigin(providerId, what, url, owner);
  }
  return undefined;
}
