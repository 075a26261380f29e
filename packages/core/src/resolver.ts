import { credentialOrigin, type ProviderHooks, type TransportKind } from "@switchyard/sdk";
import { currentCredentials, type Credentials } from "./auth.js";
import { perCredential } from "./credential-cache.js";
import { providerUnknown, routeVetoed, selectWebsocketUnavailable } from "./errors.js";
import type { ExtensionCode } from "./extension-code.js";
import { viewHealth } from "./health.js";
import type { HealthMemory, ProbeTicket } from "./health-memory.js";
import type { HostHooks } from "./hooks.js";
import { normalizeWithManifest, parseRef, unknownModel } from "./model.js";
import type { ProviderRecord } from "./registry.js";
import type { Route } from "./route.js";
import { selectTransport, type TransportPolicy } from "./selector.js";

/**
 * A resolved route plus what a session needs to send on it. The Route is for display and for
 * `route` taps; what decides where credentials may go (origins, health key, fallback URL) comes
 * from the provider's settled facts here, so a tap cannot widen it.
 */
export interface RoutePlan {
  route: Route;
  record: ProviderRecord;
  hooks: ProviderHooks;
  credentials: Credentials;
  /** The selector's websocket origin and health key (set when websocket was selected). */
  websocketOrigin: string | undefined;
  healthKey: string | undefined;
  /** Where each transport of this turn goes: the selected one, and HTTP when it is the declared fallback. */
  targets: Readonly<Partial<Record<TransportKind, { url: string; origin: string }>>>;
  /** The claimed half-open attempt, when this request is it. */
  probe: ProbeTicket | undefined;
}

export interface ResolveOptions {
  transport?: TransportPolicy;
}

interface PlanOptions extends ResolveOptions {
  /** Sessions claim the half-open probe they are given; `host.resolve()` only explains. */
  claimProbe?: boolean;
}

export interface ResolverDeps {
  records: ReadonlyMap<string, ProviderRecord>;
  code: ExtensionCode;
  hooks: HostHooks;
  health: HealthMemory;
  env: Readonly<Record<string, string | undefined>>;
  clock: () => number;
  skipped: () => string[];
}

/**
 * Resolves `provider/model` to a plan. Only the owning provider normalizes the model (manifest
 * first, then its normalizeModelId hook); the selector picks the transport from declared facts.
 */
export async function resolvePlan(deps: ResolverDeps, ref: string, options: PlanOptions = {}): Promise<RoutePlan> {
  const { provider: providerId, model: requested } = parseRef(ref);
  const record = deps.records.get(providerId);
  if (!record) throw unknownProvider(deps, providerId);
  if (record.settings.error) throw record.settings.error;

  // Loaded code and manifest-known models need no await: most turns take neither.
  const hooks = deps.code.loadedHooks(record.extension, record.id) ?? (await deps.code.providerHooks(record.extension, record.id));
  const model = (requested !== undefined ? normalizeWithManifest(record.models, requested) : undefined) ?? (await normalizeWithHook(deps, record, hooks, requested));

  const settings = record.settings;
  const policy = options.transport ?? settings.policy ?? "auto";
  const { websocketOrigin, healthKey: key } = settings;
  const facts = {
    policy,
    policySource: options.transport ? ("request" as const) : settings.policy ? ("config" as const) : ("default" as const),
    websocket: settings.websocket,
    origins: settings.origins,
    allowExperimental: settings.allowExperimental,
    baseUrlOverride: settings.baseUrlOverride,
  };
  const entry = key ? deps.health.store.get(key) : undefined;
  let decision = selectTransport(facts, viewHealth(entry, deps.clock()));
  let probe: ProbeTicket | undefined;
  // Claimed by an atomic store update right after the choice, so concurrent turns (and instances) cannot both probe.
  if (options.claimProbe && decision.ok && decision.kind === "websocket" && decision.probe && key && entry) {
    probe = await deps.health.claimProbe(key);
    if (!probe) decision = selectTransport(facts, { state: "probe-in-flight", entry });
  }
  if (!decision.ok) {
    const last = decision.trace[decision.trace.length - 1];
    throw selectWebsocketUnavailable(
      record.id,
      `Policy websocket for "${record.id}/${model}", but websocket cannot be used: ${last?.message ?? decision.reason}`,
      'Fix the cause above, or use transport "auto" to allow HTTP.',
      { reason: decision.reason, trace: decision.trace },
    );
  }
  if (decision.kind === "http" && settings.httpUrl === undefined) {
    throw selectWebsocketUnavailable(
      record.id,
      `"${record.id}" declares no HTTP transport, and websocket was not selected (${decision.trace.at(-1)?.reason}).`,
      "Declare transports.http in the manifest, or make the websocket capability usable.",
      { trace: decision.trace },
    );
  }
  const credentials = currentCredentials(record.manifest.auth, deps.env);
  const kind = decision.kind;
  const url = kind === "websocket" ? decision.url : (settings.httpUrl as string);
  const display = displayHeaders(record, credentials, kind);
  let route: Route = {
    ref,
    provider: record.id,
    extension: record.extension.manifest.id,
    model,
    api: record.manifest.api,
    baseUrl: settings.baseUrl,
    baseUrlSource: settings.baseUrlSource,
    origins: settings.origins,
    policy,
    transport: {
      kind,
      url,
      headers: display,
      fallback: kind === "websocket" && decision.fallback && settings.httpUrl ? { kind: "http", url: settings.httpUrl } : undefined,
      probe: kind === "websocket" && decision.probe,
    },
    trace: decision.trace,
  };
  if (deps.hooks.route.isUsed()) {
    try {
      route = deps.hooks.route.call(route, { ref });
    } catch (error) {
      await probe?.release();
      throw routeVetoed(ref, error);
    }
  }
  const websocket = kind === "websocket";
  // A route tap may change the selected URL, but the transport still checks it against the settled origins.
  const targets: RoutePlan["targets"] = {
    [route.transport.kind]: {
      url: route.transport.url,
      origin: (route.transport.kind === "websocket" ? websocketOrigin : credentialOrigin(route.transport.url)) ?? "unknown",
    },
    ...(route.transport.fallback && settings.httpUrl ? { http: { url: settings.httpUrl, origin: credentialOrigin(settings.httpUrl) ?? "unknown" } } : {}),
  };
  return { route, record, hooks, credentials, websocketOrigin: websocket ? websocketOrigin : undefined, healthKey: websocket ? key : undefined, targets, probe };
}

/** The model when the manifest did not name it: the default, or what the provider's normalizeModelId hook makes of it. */
async function normalizeWithHook(deps: ResolverDeps, record: ProviderRecord, hooks: ProviderHooks, requested: string | undefined): Promise<string> {
  if (requested === undefined) {
    if (record.models.default === undefined) throw unknownModel(record.id, undefined, record.models);
    return record.models.default;
  }
  // The manifest was asked first (its accept pattern is an RE2 match): not again here.
  const hook = hooks.normalizeModelId;
  if (hook) {
    const context = { extensionId: record.extension.manifest.id, providerId: record.id };
    const normalized = await deps.code.call(context.extensionId, record.id, "normalizeModelId", () => hook(requested, context));
    if (typeof normalized === "string" && normalized !== "") return normalized;
  }
  throw unknownModel(record.id, requested, record.models);
}

function unknownProvider(deps: ResolverDeps, providerId: string) {
  const loaded = [...deps.records.keys()].sort();
  const skipped = deps.skipped();
  return providerUnknown(providerId, loaded, skipped);
}

/** What a route shows of its headers (literal ones as written, credentials and config headers by where they come from), built once per credential. */
const displayFor = perCredential((record, credentials, kind) => {
  const settings = record.settings;
  const built: Record<string, string> = { ...lowercaseKeys(kind === "websocket" ? settings.websocketHeaders : settings.httpHeaders), ...credentials.display };
  for (const name of Object.keys(settings.configHeaders)) built[name.toLowerCase()] = "‹config›";
  return Object.freeze(built);
});

/** A copy of displayFor(): a route tap may change the route it is given. */
function displayHeaders(record: ProviderRecord, credentials: Credentials, kind: TransportKind): Record<string, string> {
  return { ...displayFor(record, credentials, kind) };
}

function lowercaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}
