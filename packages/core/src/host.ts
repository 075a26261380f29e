import { createHttpTransport, createWebSocketTransport, type Transport } from "@switchyard/transports";
import type { ManifestProblem, TransportKind } from "@switchyard/sdk";
import { parseConfig } from "./config.js";
import { discoverExtensions, type LoadProblem } from "./discovery.js";
import { CoreErrorCode, coreError } from "./errors.js";
import { ExtensionCode } from "./extension-code.js";
import { knownSecrets } from "./auth.js";
import { createMemoryHealthStore, type HealthReport, type HealthStore } from "./health.js";
import { HealthMemory } from "./health-memory.js";
import { createHostHooks, type HostHooks } from "./hooks.js";
import { probeProvider, type ProbeOutcome } from "./probe.js";
import { buildRegistry, type ProviderRecord } from "./registry.js";
import { resolvePlan, type ResolveOptions, type ResolverDeps } from "./resolver.js";
import type { Route } from "./route.js";
import { Session, type SessionOptions } from "./session.js";

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
  auth: { scheme: string; env: string[] };
  codeLoaded: boolean | "no-code";
  configError: string | undefined;
  warnings: ManifestProblem[];
}

export interface Host {
  readonly hooks: HostHooks;
  /** Loaded providers with their manifest facts, and the problems of what was skipped. */
  providers(): { providers: ProviderInfo[]; problems: LoadProblem[] };
  /**
   * Where `provider/model` goes and why. Throws SY_ERR_REF_INVALID, SY_ERR_PROVIDER_UNKNOWN,
   * SY_ERR_MODEL_UNKNOWN, SY_ERR_SELECT_WEBSOCKET_UNAVAILABLE, SY_ERR_CONFIG_*, SY_ERR_EXTENSION_*.
   */
  resolve(ref: string, options?: ResolveOptions): Promise<Route>;
  /** A multi-turn conversation; see Session.send(). */
  session(ref: string, options?: SessionOptions): Session;
  /**
   * Actively checks each transport the provider declares (HTTP `GET {baseUrl}/models`, a websocket
   * upgrade closed at once), with the headers a real request carries; no secret in the result.
   */
  probe(provider: string, options?: { timeoutMs?: number }): Promise<ProbeOutcome[]>;
  /** Transport health entries as of now: cooling down, probe due, or half-open; with the reason. */
  health(): HealthReport[];
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
  );
  const health = new HealthMemory(options.healthStore ?? createMemoryHealthStore(), hooks, clock);
  const transports: Record<TransportKind, Transport> = {
    http: options.transports?.http ?? createHttpTransport(),
    websocket: options.transports?.websocket ?? createWebSocketTransport(),
  };
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
  const ensureOpen = () => {
    if (closed) throw coreError(CoreErrorCode.hostClosed, "The host is closed.", "Create a new host with createHost().");
  };

  return Object.freeze({
    hooks,
    providers: () => ({ providers: [...records.values()].map((record) => describe(record, code)), problems: [...problems] }),
    resolve: async (ref: string, resolveOptions?: ResolveOptions) => {
      ensureOpen();
      return (await resolvePlan(resolver, ref, resolveOptions)).route;
    },
    session: (ref: string, sessionOptions: SessionOptions = {}) => {
      ensureOpen();
      return new Session(ref, sessionOptions, {
        plan: (sessionRef, policy) => resolvePlan(resolver, sessionRef, { claimProbe: true, ...(policy ? { transport: policy } : {}) }),
        transports,
        code,
        hooks,
        health,
        env,
        isClosed: () => closed,
      });
    },
    probe: (provider: string, probeOptions: { timeoutMs?: number } = {}) => {
      ensureOpen();
      return probeProvider(records.get(provider), provider, { code, env, loaded: () => [...records.keys()].sort() }, probeOptions.timeoutMs ?? 10_000);
    },
    health: () => health.report(),
    close: async () => {
      if (closed) return;
      closed = true;
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
    auth: { scheme: manifest.auth?.scheme ?? "none", env: manifest.auth?.env ?? [] },
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
