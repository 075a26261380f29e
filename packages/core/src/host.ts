import type { ManifestProblem, Transport, TransportKind, WireApi } from "@switchyard/sdk";
import { parseConfig } from "./config.js";
import { discoverExtensions, type LoadProblem } from "./discovery.js";
import { defaultTransports, defaultWireApis } from "./default-wiring.js";
import { CoreErrorCode, hostClosed } from "./errors.js";
import { ExtensionCode } from "./extension-code.js";
import { knownSecrets } from "./auth.js";
import { createMemoryHealthStore, type HealthReport, type HealthStore, type HealthStoreStatus } from "./health.js";
import { HealthMemory } from "./health-memory.js";
import { HealthOutcomes } from "./health-outcomes.js";
import { createHostHooks, type HostHooks } from "./hooks.js";
import { credentialsFilePath } from "./oauth/credentials-path.js";
import { SignIn, type HostAuth } from "./oauth/sign-in.js";
import { TokenStore } from "./oauth/token-store.js";
import { probeProvider, type ProbeOutcome } from "./probe.js";
import { buildRegistry, type ProviderRecord } from "./registry.js";
import { resolvePlan, type ResolveOptions, type ResolverDeps } from "./resolver.js";
import type { Route } from "./route.js";
import { resolveAlias } from "./route-alias.js";
import { RouteSession, type ModelSession } from "./route-session.js";
import { Session, type SessionOptions } from "./session.js";
import { checkSessionOptions } from "./session-options.js";
import { WireApis } from "./wire-apis.js";

export interface HostOptions {
  /** Extension folders, folders of extension folders, manifest files, or installed package names (resolved from `cwd`). */
  extensions?: readonly string[];
  /** User config (validated with zod; unknown keys are errors). */
  config?: unknown;
  /** Where credentials and `baseUrlEnv` values are read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Base for relative extension paths and where package names resolve from; default process.cwd(). */
  cwd?: string;
  /** Shared health memory; default in-memory. */
  healthStore?: HealthStore;
  /** Injected clock (epoch ms) for cool-downs. */
  clock?: () => number;
  /** Transport instances to use instead of the default pooled ones. */
  transports?: Partial<Record<TransportKind, Transport>>;
  /** The sign-in store; default `$SWITCHYARD_HOME/credentials.json` (SWITCHYARD_HOME read from `env`). */
  credentialsFile?: string;
  /**
   * Codecs by api id, replacing or adding to the shipped ones (openai-responses,
   * openai-codex-responses, openai-chat-completions, anthropic-messages). Apis that extensions
   * declare come from their entries.
   */
  apis?: Readonly<Record<string, WireApi>>;
}

/** A loaded provider as `host.providers()` reports it: manifest facts, no secrets. */
export interface ProviderInfo {
  id: string;
  name: string | undefined;
  extension: string;
  file: string;
  api: string;
  baseUrl: string;
  baseUrlSource: "manifest" | "config" | "env";
  origins: readonly string[];
  models: { default: string | undefined; known: string[]; aliases: Record<string, string>; accept: string | undefined };
  transports: {
    http?: { url: string };
    websocket?: { url: string | undefined; stability: "stable" | "experimental"; maxConnectionAgeMs?: number; maxInFlight?: number };
  };
  /** `issuer`: where an oauth provider signs in (config `oauthIssuer` or the manifest's). */
  auth: { scheme: string; env: string[]; issuer?: string };
  codeLoaded: boolean | "no-code";
  configError: string | undefined;
  warnings: ManifestProblem[];
}

export interface Host {
  readonly hooks: HostHooks;
  /** Sign-in for providers whose manifest declares auth.oauth: login, logout, status. */
  readonly auth: HostAuth;
  /** Loaded providers with their manifest facts, and the problems of what was skipped. */
  providers(): { providers: ProviderInfo[]; problems: LoadProblem[] };
  /**
   * Where `provider/model` (or a route alias: its first candidate that resolves, each candidate
   * explained in `route.alias`) goes and why. Throws SY_ERR_REF_INVALID, SY_ERR_PROVIDER_UNKNOWN,
   * SY_ERR_MODEL_UNKNOWN, SY_ERR_SELECT_WEBSOCKET_UNAVAILABLE, SY_ERR_CONFIG_*, SY_ERR_EXTENSION_*,
   * SY_ERR_ROUTE_EXHAUSTED (no candidate of an alias resolves).
   */
  resolve(ref: string, options?: ResolveOptions): Promise<Route>;
  /**
   * A multi-turn conversation with `provider/model` or a route alias from config `routes` (which
   * fails over between its candidates); see Session.send() and RouteSession.send().
   * @throws SY_ERR_SESSION_OPTIONS_INVALID, SY_ERR_HOST_CLOSED
   */
  session(ref: string, options?: SessionOptions): ModelSession;
  /** Route aliases from config: alias → ordered provider/model candidates. */
  routes(): Readonly<Record<string, readonly string[]>>;
  /**
   * Actively checks each transport the provider declares (HTTP `GET {baseUrl}/models`, a websocket
   * upgrade closed at once), with the headers a real request carries; no secret in the result.
   */
  probe(provider: string, options?: { timeoutMs?: number }): Promise<ProbeOutcome[]>;
  /** Transport health entries as of now: cooling down, probe due, or half-open; with the reason. */
  health(): HealthReport[];
  /** Whether the health store shares what it learns (a shared store may be degraded to local). */
  healthStatus(): HealthStoreStatus;
  /** Closes every pooled connection. */
  close(): Promise<void>;
}

/**
 * Creates a host: reads and checks every manifest (no extension code runs), validates config,
 * and precomputes each provider's route facts. @throws SY_ERR_CONFIG_INVALID
 */
export async function createHost(options: HostOptions = {}): Promise<Host> {
  const config = parseConfig(options.config);
  const env = options.env ?? process.env;
  const clock = options.clock ?? Date.now;
  const hooks = createHostHooks();
  const { extensions, problems } = discoverExtensions(options.extensions ?? [], options.cwd ?? process.cwd());
  const records = buildRegistry(extensions, config, env);
  for (const providerId of Object.keys(config.providers)) {
    if (!records.has(providerId)) problems.push(unknownConfigProvider(providerId, [...records.keys()]));
  }
  const code = new ExtensionCode(
    hooks,
    knownSecrets(
      [...records.values()].map((record) => record.manifest.auth),
      [...records.values()].map((record) => record.settings.configHeaders),
      env,
    ),
    { hookTimeoutMs: config.hookTimeoutMs },
  );
  const signIn = new SignIn(records, new TokenStore(options.credentialsFile ?? credentialsFilePath(env), clock), env, (secret) => code.addSecret(secret));
  const health = new HealthMemory(options.healthStore ?? createMemoryHealthStore(), hooks, clock);
  const transports = defaultTransports(options.transports);
  const apis = new WireApis(defaultWireApis(options.apis), extensions, code);
  const outcomes = new HealthOutcomes(health);
  let closed = false;
  const resolver: ResolverDeps = {
    records,
    code,
    hooks,
    health,
    env,
    clock,
    skipped: () => problems.filter((p) => p.file !== "config").map((p) => p.extension ?? p.file),
  };
  const openSession = (ref: string, sessionOptions: SessionOptions): Session =>
    new Session(ref, sessionOptions, {
      plan: (sessionRef, policy) => resolvePlan(resolver, sessionRef, { claimProbe: true, ...(policy ? { transport: policy } : {}) }),
      transports,
      apis,
      code,
      hooks,
      outcomes,
      env,
      signIn,
      isClosed: () => closed,
    });
  const ensureOpen = () => {
    if (closed) throw hostClosed();
  };

  return Object.freeze({
    hooks,
    auth: signIn,
    providers: () => ({ providers: [...records.values()].map((record) => describe(record, code)), problems: [...problems] }),
    resolve: async (ref: string, resolveOptions?: ResolveOptions) => {
      ensureOpen();
      const candidates = config.routes[ref];
      if (candidates) return resolveAlias(ref, candidates, async (candidate) => (await resolvePlan(resolver, candidate, resolveOptions)).route);
      return (await resolvePlan(resolver, ref, resolveOptions)).route;
    },
    routes: () => config.routes,
    session: (ref: string, sessionOptions?: SessionOptions): ModelSession => {
      ensureOpen();
      const checked = checkSessionOptions(ref, sessionOptions);
      const candidates = config.routes[ref];
      if (candidates) return new RouteSession(ref, candidates, checked, openSession, hooks);
      return openSession(ref, checked);
    },
    probe: (provider: string, probeOptions: { timeoutMs?: number } = {}) => {
      ensureOpen();
      return probeProvider(records.get(provider), provider, { code, env, signIn, loaded: () => [...records.keys()].sort() }, probeOptions.timeoutMs ?? 10_000);
    },
    health: () => health.report(),
    healthStatus: () => health.store.status(),
    close: async () => {
      if (closed) return;
      closed = true;
      code.close();
      health.detach();
      await Promise.all([transports.http.close(), transports.websocket.close()]);
    },
  });
}

function describe(record: ProviderRecord, code: ExtensionCode): ProviderInfo {
  const { manifest, settings, extension } = record;
  const websocket = manifest.transports.websocket;
  return {
    id: record.id,
    name: manifest.name,
    extension: extension.manifest.id,
    file: extension.file,
    api: manifest.api,
    baseUrl: settings.baseUrl,
    baseUrlSource: settings.baseUrlSource,
    origins: settings.origins,
    models: {
      default: manifest.models.default,
      known: [...record.models.known],
      aliases: { ...manifest.models.aliases },
      accept: manifest.models.accept,
    },
    transports: {
      ...(settings.httpUrl ? { http: { url: settings.httpUrl } } : {}),
      ...(settings.websocket
        ? {
            websocket: {
              url: settings.websocket.url,
              stability: settings.websocket.stability,
              ...(websocket?.maxConnectionAgeMs ? { maxConnectionAgeMs: websocket.maxConnectionAgeMs } : {}),
              ...(websocket?.maxInFlight ? { maxInFlight: websocket.maxInFlight } : {}),
            },
          }
        : {}),
    },
    auth: { scheme: manifest.auth?.scheme ?? "none", env: manifest.auth?.env ?? [], ...(settings.oauthIssuer ? { issuer: settings.oauthIssuer } : {}) },
    codeLoaded: extension.entry === undefined ? "no-code" : code.isLoaded(extension.manifest.id),
    configError: settings.error?.message,
    warnings: extension.warnings,
  };
}

function unknownConfigProvider(providerId: string, loaded: string[]): LoadProblem {
  const message = `Config names provider "${providerId}", which no loaded extension declares.`;
  const fix = `Use one of: ${loaded.join(", ") || "(none)"}, or load the extension that declares it.`;
  return {
    file: "config",
    extension: undefined,
    problems: [{ code: CoreErrorCode.configUnknownProvider, path: `/providers/${providerId}`, message, fix, severity: "warning" }],
    summary: `config#/providers/${providerId}: ${message} (${CoreErrorCode.configUnknownProvider}) Fix: ${fix}`,
  };
}
