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
  extensionApiMissing: "SY_ERR_EXTENSION_API_MISSING",
  refInvalid: "SY_ERR_REF_INVALID",
  providerUnknown: "SY_ERR_PROVIDER_UNKNOWN",
  modelUnknown: "SY_ERR_MODEL_UNKNOWN",
  selectWebsocketUnavailable: "SY_ERR_SELECT_WEBSOCKET_UNAVAILABLE",
  authMissing: "SY_ERR_AUTH_MISSING",
  requestRuleViolated: "SY_ERR_REQUEST_RULE_VIOLATED",
  routeVetoed: "SY_ERR_ROUTE_VETOED",
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

/** SY_ERR_CONFIG_INVALID: every zod issue, with its path. */
export function configInvalid(source: string, lines: readonly string[], issues: ReadonlyArray<{ path: string; message: string }>): SwitchyardError {
  return coreError(
    CoreErrorCode.configInvalid,
    `Invalid ${source}: ${lines.join("; ")}.`,
    "Correct or remove those keys. Allowed per provider: baseUrl, websocketUrl, transport, allowExperimental, headers, cooldownMs, maxCooldownMs, timeouts.",
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
    `Provider "${provider}" requires "${required}" in every request, and this one has none.`,
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

/** The host was closed: no new turns or resolves. */
export function hostClosed(): SwitchyardError {
  return coreError(CoreErrorCode.hostClosed, "The host is closed.", "Create a new host with createHost().");
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
