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

export function coreError(
  code: (typeof CoreErrorCode)[keyof typeof CoreErrorCode],
  message: string,
  fix: string,
  details?: Record<string, unknown>,
  cause?: unknown,
): SwitchyardError {
  return new SwitchyardError(code, message, { fix, details, cause });
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
