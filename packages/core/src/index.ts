export type { ProbeTicket } from "./health-memory.js";
export { createHost, type Host, type HostOptions, type ProviderInfo } from "./host.js";
export { Session, type SessionOptions } from "./session.js";
export type { Route } from "./route.js";
export type { ProbeOutcome } from "./probe.js";
export { selectTransport, type SelectorDecision, type SelectorFacts, type SelectorReason, type TraceStep, type TransportPolicy } from "./selector.js";
export {
  createMemoryHealthStore,
  healthKey,
  viewHealth,
  DEFAULT_COOLDOWN_MS,
  DEFAULT_MAX_COOLDOWN_MS,
  type HealthEntry,
  type HealthReport,
  type HealthFailure,
  type HealthStore,
  type HealthView,
} from "./health.js";
export { parseConfig, configJsonSchema, HostConfigSchema, ProviderConfigSchema, type HostConfig, type ProviderConfig } from "./config.js";
export { discoverExtensions, type DiscoveredExtension, type LoadProblem } from "./discovery.js";
export { isPackageSpecifier, resolvePackageFolder } from "./extension-package.js";
export { parseRef } from "./model.js";
export { CoreErrorCode } from "./errors.js";
export type { HostHooks, RouteContext, RequestContext, EventContext, TransportFailure, HealthChange, ExtensionErrorInfo } from "./hooks.js";
