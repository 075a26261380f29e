export { SwitchyardError, isSwitchyardError } from "./switchyard-error.js";
export { REDACTED, redactSecrets } from "./redact.js";
export { SdkErrorCode, invalidExtensionDefinition, manifestTooLarge } from "./errors.js";
export { HOST_API_VERSION, MANIFEST_VERSION, MANIFEST_FILE_NAME } from "./host-api.js";
export { BUILTIN_APIS, apiCatalog, isKnownApi, apiSpeaksTransport, type ApiDeclaration, type TransportKind } from "./apis.js";
export type { ConversationItem, TurnBody, WireTurn, Terminal, FrameDecoder, HttpFraming, WireApi } from "./wire-api.js";
export type { Transport, TurnRequest } from "./transport.js";
export { eventsOf, batchesOf } from "./event-batches.js";
export { credentialOrigin, isInsideOrigins, isLoopbackHost, normalizeDeclaredOrigin, tryParseUrl } from "./origins.js";
export {
  ManifestSchema,
  ProviderSchema,
  ApiSchema,
  AuthSchema,
  OAuthSchema,
  ModelsSchema,
  HttpCapabilitySchema,
  WebSocketCapabilitySchema,
  type Manifest,
  type ProviderManifest,
  type ApiManifest,
  type AuthManifest,
  type OAuthManifest,
  type ModelsManifest,
  type HttpCapability,
  type WebSocketCapability,
} from "./manifest-schema.js";
export { manifestJsonSchema, manifestJsonSchemaText } from "./json-schema.js";
export { parseManifest, type ParseManifestResult } from "./parse-manifest.js";
export { problem, formatProblem, escapeControlCharacters, type ManifestProblem } from "./problem.js";
export {
  LOAD_CHECKS,
  checkApis,
  checkEntryPath,
  checkHostRange,
  checkModelPatterns,
  checkOAuth,
  checkOrigins,
  checkSecureSchemes,
  checkUrlCredentials,
  checkWebsocketUrl,
  compileAcceptPattern,
  providerAcceptPattern,
  resolveEntry,
  type AcceptMatcher,
  type CompiledAccept,
  type ResolvedEntry,
} from "./checks/index.js";
export type { UnifiedEvent, UnifiedEventType, Usage, FunctionTool, InputItem, ResponsesRequestBody } from "./events.js";
export { hasBasePrompt } from "./base-prompt.js";
export {
  defineExtension,
  isExtensionDefinition,
  HOOK_NAMES,
  type HookName,
  type ExtensionDefinition,
  type ProviderHooks,
  type ProviderHookContext,
  type ResolveAuthContext,
  type ShapeRequestContext,
  type ProviderErrorInfo,
  type ErrorClassification,
} from "./extension.js";
export { isHeaderName, isHeaderValue, showHeaderName, HEADER_NAME_PATTERN, HEADER_VALUE_PATTERN } from "./headers.js";
export { hasUrlCredentials, redactUrlCredentials } from "./url-credentials.js";
export { memoize } from "./memoize.js";
export { MAX_MANIFEST_BYTES, MAX_MANIFEST_DEPTH } from "./manifest-limits.js";
export { manifestsInFolder, type FolderEntry } from "./extension-folders.js";
