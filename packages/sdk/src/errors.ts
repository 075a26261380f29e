import { SwitchyardError } from "./switchyard-error.js";

/** Codes of manifest problems and SDK misuse. Each is documented in docs/errors.md. */
export const SdkErrorCode = {
  manifestInvalidJson: "SY_ERR_MANIFEST_INVALID_JSON",
  manifestUnknownKey: "SY_ERR_MANIFEST_UNKNOWN_KEY",
  manifestMissingKey: "SY_ERR_MANIFEST_MISSING_KEY",
  manifestInvalidValue: "SY_ERR_MANIFEST_INVALID_VALUE",
  manifestInvalidUrl: "SY_ERR_MANIFEST_INVALID_URL",
  manifestOriginMismatch: "SY_ERR_MANIFEST_ORIGIN_MISMATCH",
  manifestInsecureScheme: "SY_ERR_MANIFEST_INSECURE_SCHEME",
  manifestUnknownApi: "SY_ERR_MANIFEST_UNKNOWN_API",
  manifestHostRange: "SY_ERR_MANIFEST_HOST_RANGE",
  manifestWebsocketUrlMissing: "SY_ERR_MANIFEST_WEBSOCKET_URL_MISSING",
  manifestBadPattern: "SY_ERR_MANIFEST_BAD_PATTERN",
  manifestOAuthMismatch: "SY_ERR_MANIFEST_OAUTH_MISMATCH",
  manifestOAuthIssuerInOrigins: "SY_ERR_MANIFEST_OAUTH_ISSUER_IN_ORIGINS",
  manifestOAuthRedirectNotLoopback: "SY_ERR_MANIFEST_OAUTH_REDIRECT_NOT_LOOPBACK",
  extensionDefinitionInvalid: "SY_ERR_EXTENSION_DEFINITION_INVALID",
} as const;

export type SdkErrorCode = (typeof SdkErrorCode)[keyof typeof SdkErrorCode];

/** Thrown by defineExtension() when the definition is not usable. */
export function invalidExtensionDefinition(what: string, fix: string): SwitchyardError {
  return new SwitchyardError(SdkErrorCode.extensionDefinitionInvalid, `Invalid extension definition: ${what}.`, { fix });
}
