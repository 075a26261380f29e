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
