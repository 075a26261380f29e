import { SwitchyardError } from "@switchyard/sdk";

/** Codes the host throws. Each is documented in docs/errors.md. */
export const CoreErrorCode = {
  configInvalid: "SY_ERR_CONFIG_INVALID",
  configUnknownProvider: "SY_ERR_CONFIG_UNKNOWN_PROVIDER",
  configInsecureUrl: "SY_ERR_CONFIG_INSECURE_URL",
  configForeignOrigin: "SY_ERR_CONFIG_FOREIGN_ORIGIN",
  configWebsocketNotDeclared: "SY_ERR_CONFIG_WEBSOCKET_NOT_DECLARED",
  discoveryPathNotFound: "SY_ERR_DISCOVERY_PATH_NOT_FOUND",
  discoveryUnreadable: "SY_ERR_DISCOVERY_UNREADABLE",
  discoveryPackageNotFound: "SY_ERR_DISCOVERY_PACKAGE_NOT_FOUND",
  discoveryPackageNoManifest: "SY_ERR_DISCOVERY_PACKAGE_NO_MANIFEST",
  extensionEntryMissing: "SY_ERR_EXTENSION_ENTRY_MISSING",
  extensionDuplicateProvider: "SY_ERR_EXTENSION_DUPLICATE_PROVIDER",
  extensionLoadFailed: "SY_ERR_EXTENSION_LOAD_FAILED",
  extensionHookFailed: "SY_ERR_EXTENSION_HOOK_FAILED",
  extensionHookTimeout: "SY_ERR_EXTENSION_HOOK_TIMEOUT",
  extensionHookAborted: "SY_ERR_EXTENSION_HOOK_ABORTED",
  extensionHookInvalidResult: "SY_ERR_EXTENSION_HOOK_INVALID_RESULT",
  configUrlCredentials: "SY_ERR_CONFIG_URL_CREDENTIALS",
  sessionOptionsInvalid: "SY_ERR_SESSION_OPTIONS_INVALID",
  extensionApiMissing: "SY_ERR_EXTENSION_API_MISSING",
  refInvalid: "SY_ERR_REF_INVALID",
  providerUnknown: "SY_ERR_PROVIDER_UNKNOWN",
  modelUnknown: "SY_ERR_MODEL_UNKNOWN",
  selectWebsocketUnavailable: "SY_ERR_SELECT_WEBSOCKET_UNAVAILABLE",
  authMissing: "SY_ERR_AUTH_MISSING",
  authSignInRequired: "SY_ERR_AUTH_SIGN_IN_REQUIRED",
  authSignInFailed: "SY_ERR_AUTH_SIGN_IN_FAILED",
  authRefreshFailed: "SY_ERR_AUTH_REFRESH_FAILED",
  authStoreUnreadable: "SY_ERR_AUTH_STORE_UNREADABLE",
  authNotOAuth: "SY_ERR_AUTH_NOT_OAUTH",
  authImportFailed: "SY_ERR_AUTH_IMPORT_FAILED",
  configOAuthNotDeclared: "SY_ERR_CONFIG_OAUTH_NOT_DECLARED",
  requestRuleViolated: "SY_ERR_REQUEST_RULE_VIOLATED",
  routeVetoed: "SY_ERR_ROUTE_VETOED",
  routeExhausted: "SY_ERR_ROUTE_EXHAUSTED",
  hookFailed: "SY_ERR_HOOK_FAILED",
  sessionBusy: "SY_ERR_SESSION_BUSY",
  sessionInputInvalid: "SY_ERR_SESSION_INPUT_INVALID",
  hostClosed: "SY_ERR_HOST_CLOSED",
} as const;

type CoreCode = (typeof CoreErrorCode)[keyof typeof CoreErrorCode];

// One constructor behind the factories below: each code has exactly one factory, so its message
// and fix are written once.
function coreError(code: CoreCode, message: string, fix: string, details?: Record<string, unknown>, cause?: unknown): SwitchyardError {
  return new SwitchyardError(code, message, { fix, details, cause });
}

/** Where a hook ran: the extension, its provider and the hook's name. */
export interface HookSite {
  extension: string;
  provider: string | undefined;
  hook: string;
}

function hookWhere(site: HookSite): string {
  return `Extension "${site.extension}" hook ${site.hook}${site.provider ? ` for provider "${site.provider}"` : ""}`;
}

/** SY_ERR_EXTENSION_HOOK_TIMEOUT: a hook did not settle within hookTimeoutMs. */
export function hookTimeout(site: HookSite, ms: number): SwitchyardError {
  return coreError(
    CoreErrorCode.extensionHookTimeout,
    `${hookWhere(site)} did not finish within ${ms} ms; nothing was sent.`,
    `Make ${site.hook} settle sooner (it receives an AbortSignal), or raise hookTimeoutMs in the host config.`,
    { ...site, timeoutMs: ms },
  );
}

/** SY_ERR_EXTENSION_HOOK_ABORTED: the turn was aborted while a hook was running. */
export function hookAborted(site: HookSite): SwitchyardError {
  return coreError(
    CoreErrorCode.extensionHookAborted,
    `${hookWhere(site)} was still running when the turn was aborted; nothing was sent.`,
    "Nothing to fix if the abort was intended; otherwise send again.",
    { ...site },
  );
}

/** SY_ERR_EXTENSION_HOOK_INVALID_RESULT: a hook returned something of the wrong shape. */
export function hookInvalidResult(site: HookSite, what: string, expected: string): SwitchyardError {
  return coreError(
    CoreErrorCode.extensionHookInvalidResult,
    `${hookWhere(site)} returned ${what}; nothing was sent.`,
    `Return ${expected} from ${site.hook} in extension "${site.extension}"; other providers are unaffected.`,
    { ...site },
  );
}

/** SY_ERR_CONFIG_URL_CREDENTIALS: a configured or environment URL carries user:password@. */
export function configUrlCredentials(providerId: string, setting: string, source: string): SwitchyardError {
  return coreError(
    CoreErrorCode.configUrlCredentials,
    `The ${setting} of provider "${providerId}" (from ${source}) carries credentials (user:password@); such a URL would be printed and logged, so it is refused.`,
    "Remove the user and password from the URL and supply the credential through the provider's auth environment variable (or config headers).",
    { provider: providerId, setting },
  );
}

/** SY_ERR_SESSION_OPTIONS_INVALID: host.session() got an unknown option or a wrong value. */
export function sessionOptionsInvalid(ref: string, problems: readonly string[]): SwitchyardError {
  return coreError(
    CoreErrorCode.sessionOptionsInvalid,
    `Invalid options for host.session("${ref}"): ${problems.join("; ")}.`,
    "Use only instructions, tools, signal, transport (auto, websocket or http), body and history.",
    { ref, problems: [...problems] },
  );
}

// Sign-in (auth.scheme "oauth"): one factory per code. Messages name the provider and the issuer's
// origin, never a token: the caller passes no secret in.

/** The exact command that signs a provider in. */
export function loginCommand(provider: string): string {
  return `switchyard login ${provider}`;
}

/** SY_ERR_AUTH_SIGN_IN_REQUIRED: no usable sign-in; the fix is the exact `switchyard login` command. */
export function signInRequired(provider: string, why: string, env: readonly string[] = []): SwitchyardError {
  const alternative = env.length > 0 ? ` (or set ${env.join(" or ")})` : "";
  return coreError(
    CoreErrorCode.authSignInRequired,
    `Provider "${provider}" needs a sign-in: ${why}.`,
    `Run \`${loginCommand(provider)}\`${alternative}, then try again.`,
    { provider, command: loginCommand(provider) },
  );
}

/** SY_ERR_AUTH_SIGN_IN_FAILED: a login flow (code, device, pasted URL) did not complete. */
export function signInFailed(provider: string, why: string, fix: string, cause?: unknown): SwitchyardError {
  return coreError(CoreErrorCode.authSignInFailed, `Signing in to "${provider}" failed: ${why}.`, fix, { provider }, cause);
}

/** SY_ERR_AUTH_REFRESH_FAILED: the issuer could not be reached or answered a refresh with an error. */
export function refreshFailed(provider: string, issuerOrigin: string, why: string, cause?: unknown): SwitchyardError {
  return coreError(
    CoreErrorCode.authRefreshFailed,
    `Refreshing the sign-in of "${provider}" at ${issuerOrigin} failed: ${why}.`,
    `Check the connection to ${issuerOrigin} and try again; if it keeps failing, run \`${loginCommand(provider)}\`.`,
    { provider, issuer: issuerOrigin },
    cause,
  );
}

/** SY_ERR_CONFIG_INVALID: every zod issue, with its path. */
export function configInvalid(source: string, lines: readonly string[], issues: ReadonlyArray<{ path: string; message: string }>): SwitchyardError {
  return coreError(
    CoreErrorCode.configInvalid,
    `Invalid ${source}: ${lines.join("; ")}.`,
    "Correct or remove those keys. Allowed at the top: providers, routes, healthStore, gateway, hookTimeoutMs; per provider: baseUrl, websocketUrl, transport, allowExperimental, headers, oauthIssuer, cooldownMs, maxCooldownMs, timeouts.",
    { issues },
  );
}

/** SY_ERR_CONFIG_INSECURE_URL: an unencrypted override off loopback. */
export function configInsecureUrl(provider: string, setting: string, url: string, protocol: string): SwitchyardError {
  return coreError(
    CoreErrorCode.configInsecureUrl,
    `Config for provider "${provider}" sets ${setting} to ${url}: an unencrypted URL on a host that is not loopback.`,
    `Use ${protocol === "ws:" ? "wss" : "https"}://, or a loopback host for a local server.`,
    { provider, setting },
  );
}

/** SY_ERR_CONFIG_FOREIGN_ORIGIN: an override into an origin another provider owns. */
export function configForeignOrigin(provider: string, setting: string, url: string, owner: string): SwitchyardError {
  return coreError(
    CoreErrorCode.configForeignOrigin,
    `Config for provider "${provider}" sets ${setting} to ${url}, an origin that provider "${owner}" owns; "${provider}"'s credentials must not go there.`,
    `Use provider "${owner}" for that endpoint, or point ${setting} at an origin "${provider}" owns.`,
    { provider, setting, owner },
  );
}

/** SY_ERR_CONFIG_WEBSOCKET_NOT_DECLARED: config may move a declared websocket, never create one. */
export function configWebsocketNotDeclared(provider: string): SwitchyardError {
  return coreError(
    CoreErrorCode.configWebsocketNotDeclared,
    `Config for provider "${provider}" sets websocketUrl, but its manifest declares no websocket capability.`,
    "Remove websocketUrl, or declare transports.websocket in the extension's manifest.",
    { provider, setting: "websocketUrl" },
  );
}

/** SY_ERR_EXTENSION_LOAD_FAILED: an entry that does not import, or does not define what its manifest declares. */
export function extensionLoadFailed(extension: string, what: string, fix: string, extra: Record<string, unknown> = {}, cause?: unknown): SwitchyardError {
  return coreError(CoreErrorCode.extensionLoadFailed, `Extension "${extension}"${what}`, fix, { extension, hook: "load", ...extra }, cause);
}

/** SY_ERR_EXTENSION_HOOK_FAILED: a provider hook threw something uncoded. */
export function extensionHookFailed(where: { extension: string; provider: string; hook: string }, cause: Error): SwitchyardError {
  return coreError(
    CoreErrorCode.extensionHookFailed,
    `Extension "${where.extension}" hook ${where.hook} for provider "${where.provider}" threw: ${cause.message}.`,
    `Fix the ${where.hook} hook in extension "${where.extension}"; other providers are unaffected.`,
    where,
    cause,
  );
}

/** SY_ERR_AUTH_STORE_UNREADABLE: the credentials file is unreadable, malformed or too open. */
export function storeUnreadable(file: string, why: string, cause?: unknown): SwitchyardError {
  return coreError(
    CoreErrorCode.authStoreUnreadable,
    `The credentials file ${file} cannot be used: ${why}.`,
    "Fix its permissions, or delete it and sign in again (switchyard login <provider>).",
    { file },
    cause,
  );
}

/** SY_ERR_AUTH_NOT_OAUTH: login/logout for a provider whose manifest declares no sign-in. */
export function notOAuth(provider: string): SwitchyardError {
  return coreError(
    CoreErrorCode.authNotOAuth,
    `Provider "${provider}" declares no sign-in (its manifest's auth.scheme is not "oauth").`,
    "Set its credentials in the environment variables its manifest names; `switchyard providers` lists them.",
    { provider },
  );
}

/** SY_ERR_AUTH_IMPORT_FAILED: a Codex CLI auth.json that cannot be adopted. */
export function importFailed(file: string, why: string, cause?: unknown): SwitchyardError {
  return coreError(
    CoreErrorCode.authImportFailed,
    `Cannot import the Codex CLI sign-in from ${file}: ${why}.`,
    "Sign in with the Codex CLI first (`codex login`), pass the right path to --import-codex, or run `switchyard login openai-codex`.",
    { file },
    cause,
  );
}

/** SY_ERR_CONFIG_OAUTH_NOT_DECLARED: config moves an issuer the manifest does not declare. */
export function oauthNotDeclared(provider: string): SwitchyardError {
  return coreError(
    CoreErrorCode.configOAuthNotDeclared,
    `Config for provider "${provider}" sets oauthIssuer, but its manifest declares no sign-in (auth.oauth).`,
    "Remove oauthIssuer, or use a provider whose manifest declares auth.scheme \"oauth\".",
    { provider, setting: "oauthIssuer" },
  );
}

/** SY_ERR_REF_INVALID: not `provider/model`. */
export function refInvalid(ref: unknown): SwitchyardError {
  return coreError(CoreErrorCode.refInvalid, `Invalid model ref ${JSON.stringify(ref)}.`, 'Write "provider/model", e.g. "openai/gpt-5.4".');
}

/** SY_ERR_PROVIDER_UNKNOWN: naming what is loaded, and what was skipped. */
export function providerUnknown(provider: string, loaded: readonly string[], skipped: readonly string[] = []): SwitchyardError {
  return coreError(
    CoreErrorCode.providerUnknown,
    `No provider "${provider}" is loaded.`,
    `Use one of: ${loaded.join(", ") || "(none)"}${skipped.length ? `. Skipped extensions (see host.providers()): ${skipped.join(", ")}` : ""}.`,
    { provider, loaded, skipped },
  );
}

/** SY_ERR_MODEL_UNKNOWN: naming the known models, aliases and accepted pattern. */
export function modelUnknown(provider: string, model: string | undefined, known: readonly string[], acceptSource: string | undefined): SwitchyardError {
  const listing = known.length ? `Known models: ${known.join(", ")}` : "This provider lists no models";
  const pattern = acceptSource ? `; ids matching /${acceptSource}/ are accepted too` : "";
  return coreError(
    CoreErrorCode.modelUnknown,
    model === undefined
      ? `Provider "${provider}" has no default model, so a bare "${provider}" ref names nothing.`
      : `Provider "${provider}" does not recognise model "${model}".`,
    `${listing}${pattern}. Use "${provider}/<model>".`,
    { provider, model, known },
  );
}

/** SY_ERR_SELECT_WEBSOCKET_UNAVAILABLE: the route cannot go where policy or the manifest demands. */
export function selectWebsocketUnavailable(provider: string, message: string, fix: string, details: Record<string, unknown>): SwitchyardError {
  return coreError(CoreErrorCode.selectWebsocketUnavailable, message, fix, { provider, ...details });
}

/** SY_ERR_AUTH_MISSING: credential variables that must be set. */
export function authMissing(provider: string, missing: readonly string[]): SwitchyardError {
  return coreError(
    CoreErrorCode.authMissing,
    `Provider "${provider}" needs credentials that are not set: ${missing.join(", ")}.`,
    `Set ${missing.join(" and ")} in the environment.`,
    { provider, missing },
  );
}

/** SY_ERR_REQUEST_RULE_VIOLATED: a manifest request rule the turn breaks; nothing was sent. */
export function requestRuleViolated(provider: string, ref: string, required: string): SwitchyardError {
  return coreError(
    CoreErrorCode.requestRuleViolated,
    `Provider "${provider}" requires "${required}"${required === "instructions" ? " (or a leading developer message)" : ""} in every request, and this one has none.`,
    `Pass ${required} when you open the session: host.session("${ref}", { ${required}: "…" }).`,
    { provider, rule: `requires:${required}` },
  );
}

/** SY_ERR_ROUTE_VETOED: a route tap threw. */
export function routeVetoed(ref: string, error: unknown): SwitchyardError {
  return coreError(
    CoreErrorCode.routeVetoed,
    `A route policy vetoed "${ref}": ${error instanceof Error ? error.message : String(error)}.`,
    "Change the request or the policy tapped on host.hooks.route.",
    { ref },
    error,
  );
}

/** SY_ERR_HOOK_FAILED: a host tap (beforeRequest) threw; `message` is already scrubbed. */
export function hookFailed(hook: string, ref: string, message: string): SwitchyardError {
  return coreError(
    CoreErrorCode.hookFailed,
    `A ${hook} tap failed for "${ref}": ${message}.`,
    `Fix the tap on host.hooks.${hook} (or return the body unchanged); nothing was sent.`,
    { hook, ref },
  );
}

/** SY_ERR_SESSION_INPUT_INVALID: what send() got, and what it takes. */
export function sessionInputInvalid(what: string, details?: Record<string, unknown>): SwitchyardError {
  return coreError(
    CoreErrorCode.sessionInputInvalid,
    what,
    'Pass a user message ("…") or conversation items such as { role: "user", content } or { type: "function_call_output", call_id, output } with string fields.',
    details,
  );
}

/**
 * No codec for an api a provider speaks: its extension's entry exports none, or (extension
 * undefined) the host was created without the shipped one.
 */
export function extensionApiMissing(extension: string | undefined, api: string, entry: string | undefined): SwitchyardError {
  if (extension === undefined) {
    return coreError(
      CoreErrorCode.extensionApiMissing,
      `The host has no codec for api "${api}": createHost() was given apis without it.`,
      `Pass a codec for "${api}" in createHost({ apis }), or leave apis unset to use the shipped codecs.`,
      { api },
    );
  }
  return coreError(
    CoreErrorCode.extensionApiMissing,
    entry === undefined
      ? `Extension "${extension}" declares api "${api}" in its manifest but has no entry with its codec.`
      : `Extension "${extension}" declares api "${api}" in its manifest, but ${entry} exports no codec for it.`,
    `Export it from the entry: defineExtension({ id: "${extension}", providers: { … }, apis: { "${api}": codec } }).`,
    { extension, api, hook: "load" },
  );
}

/** The host was closed: no new turns or resolves; with `during`, it closed while that hook ran. */
export function hostClosed(during?: HookSite): SwitchyardError {
  if (during === undefined) return coreError(CoreErrorCode.hostClosed, "The host is closed.", "Create a new host with createHost().");
  return coreError(
    CoreErrorCode.hostClosed,
    `The host closed while ${during.hook} of extension "${during.extension}" was running.`,
    "Create a new host with createHost().",
    { ...during },
  );
}

/** session.send() while the previous turn still runs. */
export function sessionBusy(ref: string): SwitchyardError {
  return coreError(
    CoreErrorCode.sessionBusy,
    `Session "${ref}" is still running a turn.`,
    "Wait for the previous send() to finish (or abort it) before sending again.",
    { ref },
  );
}

/** SY_ERR_ROUTE_EXHAUSTED: every candidate of a route failed before its first event (each error kept in details). */
export function routeExhaustedError(alias: string, attempts: ReadonlyArray<{ ref: string; code: string; message: string }>, cause: unknown): SwitchyardError {
  const list = attempts.map((attempt) => `${attempt.ref} (${attempt.code})`).join(", ");
  return coreError(
    CoreErrorCode.routeExhausted,
    `Every candidate of route "${alias}" failed before answering: ${list}.`,
    `See each failure in details.attempts; fix the providers, or add a candidate to routes.${alias} in the config.`,
    { route: alias, attempts: attempts.map((attempt) => ({ ...attempt })) },
    cause,
  );
}
