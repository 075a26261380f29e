export type { ProbeTicket } from "./health-memory.js";
export { createHost, type Host, type HostOptions, type ProviderInfo } from "./host.js";
export { Session, type SessionOptions } from "./session.js";
export type { Route, RouteCandidate } from "./route.js";
export { RouteSession, isRetryableFailure, type ModelSession } from "./route-session.js";
export type { ProbeOutcome } from "./probe.js";
export { selectTransport, type SelectorDecision, type SelectorFacts, type SelectorReason, type TraceStep, type TransportPolicy } from "./selector.js";
export {
  createMemoryHealthStore,
  healthKey,
  viewHealth,
  recordFailure,
  PROBE_STALE_MS,
  DEFAULT_COOLDOWN_MS,
  DEFAULT_MAX_COOLDOWN_MS,
  type HealthEntry,
  type HealthReport,
  type HealthFailure,
  type HealthStore,
  type HealthStoreChange,
  type HealthStoreStatus,
  type HealthView,
} from "./health.js";
export { parseConfig, configJsonSchema, HostConfigSchema, ProviderConfigSchema, DEFAULT_HOOK_TIMEOUT_MS, type HostConfig, type ProviderConfig, type HealthStoreConfig, type GatewayConfig } from "./config.js";
export { discoverExtensions, type DiscoveredExtension, type LoadProblem } from "./discovery.js";
export { isPackageSpecifier, resolvePackageFolder } from "./extension-package.js";
export { parseRef } from "./model.js";
export { CoreErrorCode } from "./errors.js";
export type { HostHooks, RouteContext, RequestContext, EventContext, TransportFailure, HealthChange, ExtensionErrorInfo } from "./hooks.js";
export type { HostAuth, LoginOptions } from "./oauth/sign-in.js";
export type { SignInStatus } from "./oauth/token-entry.js";
export type { DeviceCodePrompt } from "./oauth/device-flow.js";
export { credentialsFilePath, switchyardHome } from "./oauth/credentials-path.js";
export { defaultCodexAuthPath } from "./oauth/import-codex.js";
