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
  extensionEntryMissing: "SY_ERR_EXTENSION_ENTRY_MISSING",
  extensionDuplicateProvider: "SY_ERR_EXTENSION_DUPLICATE_PROVIDER",
  extensionLoadFailed: "SY_ERR_EXTENSION_LOAD_FAILED",
  extensionHookFailed: "SY_ERR_EXTENSION_HOOK_FAILED",
  extensionHookTimeout: "SY_ERR_EXTENSION_HOOK_TIMEOUT",
  extensionHookAborted: "SY_ERR_EXTENSION_HOOK_ABORTED",
  extensionHookInvalidResult: "SY_ERR_EXTENSION_HOOK_INVALID_RESULT",
  configUrlCredentials: "SY_ERR_CONFIG_URL_CREDENTIALS",
  sessionOptionsInvalid: "SY_ERR_SESSION_OPTIONS_INVALID",
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
  hookFailed: "SY_ERR_HOOK_FAILED",
  sessionBusy: "SY_ERR_SESSION_BUSY",
  sessionInputInvalid: "SY_ERR_SESSION_INPUT_INVALID",
  hostClosed: "SY_ERR_HOST_CLOSED",
} as const;

export function coreError(
  code: (typeof CoreErrorCode)[keyof typeof CoreErrorCode],
  message: string,
  fix: string,
  details?: Record<string, unknown>,
  cause?: unknown,
): SwitchyardError {
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
    "Use only instructions, tools, signal, transport (auto, websocket or http) and body.",
    { ref, problems: [...problems] },
  );
}

// Sign-in (auth.scheme "oauth"): one factory per code. Messages name the provider and the issuer's
// origin, never a token: the caller passes no secret in.

/** The exact command that signs a provider in. */
export function loginCommand(provider: string): string {
  return `switchyard login ${provider}`;
}

export function signInRequired(provider: string, why: string, env: readonly string[] = []): SwitchyardError {
  const alternative = env.length > 0 ? ` (or set ${env.join(" or ")})` : "";
  return coreError(
    CoreErrorCode.authSignInRequired,
    `Provider "${provider}" needs a sign-in: ${why}.`,
    `Run \`${loginCommand(provider)}\`${alternative}, then try again.`,
    { provider, command: loginCommand(provider) },
  );
}

export function signInFailed(provider: string, why: string, fix: string, cause?: unknown): SwitchyardError {
  return coreError(CoreErrorCode.authSignInFailed, `Signing in to "${provider}" failed: ${why}.`, fix, { provider }, cause);
}

export function refreshFailed(provider: string, issuerOrigin: string, why: string, cause?: unknown): SwitchyardError {
  return coreError(
    CoreErrorCode.authRefreshFailed,
    `Refreshing the sign-in of "${provider}" at ${issuerOrigin} failed: ${why}.`,
    `Check the connection to ${issuerOrigin} and try again; if it keeps failing, run \`${loginCommand(provider)}\`.`,
    { provider, issuer: issuerOrigin },
    cause,
  );
}

export function storeUnreadable(file: string, why: string, cause?: unknown): SwitchyardError {
  return coreError(
    CoreErrorCode.authStoreUnreadable,
    `The credentials file ${file} cannot be used: ${why}.`,
    "Fix its permissions, or delete it and sign in again (switchyard login <provider>).",
    { file },
    cause,
  );
}

export function notOAuth(provider: string): SwitchyardError {
  return coreError(
    CoreErrorCode.authNotOAuth,
    `Provider "${provider}" declares no sign-in (its manifest's auth.scheme is not "oauth").`,
    "Set its credentials in the environment variables its manifest names; `switchyard providers` lists them.",
    { provider },
  );
}

export function importFailed(file: string, why: string, cause?: unknown): SwitchyardError {
  return coreError(
    CoreErrorCode.authImportFailed,
    `Cannot import the Codex CLI sign-in from ${file}: ${why}.`,
    "Sign in with the Codex CLI first (`codex login`), pass the right path to --import-codex, or run `switchyard login openai-codex`.",
    { file },
    cause,
  );
}

export function oauthNotDeclared(provider: string): SwitchyardError {
  return coreError(
    CoreErrorCode.configOAuthNotDeclared,
    `Config for provider "${provider}" sets oauthIssuer, but its manifest declares no sign-in (auth.oauth).`,
    "Remove oauthIssuer, or use a provider whose manifest declares auth.scheme \"oauth\".",
    { provider, setting: "oauthIssuer" },
  );
}
