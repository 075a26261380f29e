export { SwitchyardError, isSwitchyardError } from "./switchyard-error.js";
export { REDACTED, redactSecrets } from "./redact.js";
export { SdkErrorCode, invalidExtensionDefinition } from "./errors.js";
export { HOST_API_VERSION, MANIFEST_VERSION, MANIFEST_FILE_NAME } from "./host-api.js";
export { BUILTIN_APIS, apiCatalog, isKnownApi, apiSpeaksTransport, type ApiDeclaration, type TransportKind } from "./apis.js";
export type { ConversationItem, TurnBody, WireTurn, Terminal, FrameDecoder, HttpFraming, WireApi } from "./wire-api.js";
export type { Transport, TurnRequest } from "./transport.js";
export { credentialOrigin, isInsideOrigins, isLoopbackHost, normalizeDeclaredOrigin, tryParseUrl } from "./origins.js";
export {
  ManifestSchema,
  ProviderSchema,
  ApiSchema,
  AuthSchema,
  ModelsSchema,
  HttpCapabilitySchema,
  WebSocketCapabilitySchema,
  type Manifest,
  type ProviderManifest,
  type ApiManifest,
  type AuthManifest,
  type ModelsManifest,
  type HttpCapability,
  type WebSocketCapability,
} from "./manifest-schema.js";
export { manifestJsonSchema, manifestJsonSchemaText } from "./json-schema.js";
export { parseManifest, type ParseManifestResult } from "./parse-manifest.js";
export { problem, formatProblem, type ManifestProblem } from "./problem.js";
export {
  LOAD_CHECKS,
  checkApis,
  checkHostRange,
  checkModelPatterns,
  checkOrigins,
  checkSecureSchemes,
  checkWebsocketUrl,
  compileAcceptPattern,
} from "./checks/index.js";
export type { UnifiedEvent, UnifiedEventType, Usage, FunctionTool, InputItem, ResponsesRequestBody } from "./events.js";
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
