import { credentialOrigin, type FunctionTool, type InputItem, type TransportKind, type UnifiedEvent } from "@switchyard/sdk";
import { isTransportError, type Transport, type TurnRequest } from "@switchyard/transports";
import { requireCredentials } from "./auth.js";
import { OutputCollector, toInputItems } from "./conversation.js";
import { CoreErrorCode, coreError } from "./errors.js";
import type { ExtensionCode } from "./extension-code.js";
import type { HealthMemory } from "./health-memory.js";
import type { HostHooks } from "./hooks.js";
import { buildRequestBody } from "./request-body.js";
import type { RoutePlan } from "./resolver.js";
import type { Route } from "./route.js";
import type { TransportPolicy } from "./selector.js";

export interface SessionOptions {
  instructions?: string;
  tools?: readonly FunctionTool[];
  /** Cancels every turn of this session. */
  signal?: AbortSignal;
  /** Overrides the configured transport policy for this session. */
  transport?: TransportPolicy;
  /** Extra create parameters (temperature, metadata, max_output_tokens, …). */
  body?: Readonly<Record<string, unknown>>;
}

export interface SessionDeps {
  plan(ref: string, policy: TransportPolicy | undefined): Promise<RoutePlan>;
  transports: Readonly<Record<TransportKind, Transport>>;
  code: ExtensionCode;
  hooks: HostHooks;
  health: HealthMemory;
  env: Readonly<Record<string, string | undefined>>;
  isClosed(): boolean;
}

/**
 * A conversation with one model. It keeps the items; over websocket each turn continues from the
 * previous response with only the new items (the transport replays in full when the server lost
 * that state); over HTTP it sends everything. A turn that fails or is aborted leaves the
 * conversation as it was, so the session stays usable.
 */
export class Session {
  private readonly conversation: InputItem[] = [];
  private previousResponseId: string | undefined;
  private turns = 0;
  private busy = false;
  /** The route of the latest turn (after any fallback, the route it started on). */
  lastRoute: Route | undefined;

  constructor(
    readonly ref: string,
    private readonly options: SessionOptions,
    private readonly deps: SessionDeps,
  ) {}

  /** The conversation so far: inputs and model outputs, as Responses input items. */
  items(): readonly InputItem[] {
    return this.conversation;
  }

  /**
   * Runs one turn and yields unified events. Throws coded errors from the iterator:
   * SY_ERR_SESSION_BUSY, SY_ERR_AUTH_MISSING, SY_ERR_REQUEST_RULE_VIOLATED, SY_ERR_TRANSPORT_*, …
   */
  async *send(input: string | readonly InputItem[], options: { signal?: AbortSignal } = {}): AsyncGenerator<UnifiedEvent, void, undefined> {
    if (this.deps.isClosed()) throw coreError(CoreErrorCode.hostClosed, "The host is closed.", "Create a new host.");
    if (this.busy) {
      throw coreError(CoreErrorCode.sessionBusy, `Session "${this.ref}" is still running a turn.`, "Wait for the previous send() to finish (or abort it) before sending again.");
    }
    const newItems = toInputItems(input);
    this.busy = true;
    try {
      const plan = await this.deps.plan(this.ref, this.options.transport);
      this.lastRoute = plan.route;
      const turn = ++this.turns;
      const signals = [this.options.signal, options.signal].filter((s): s is AbortSignal => s !== undefined);
      const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      const collector = new OutputCollector();
      const { route } = plan;
      // The event loop lives here, not in a delegated generator: each `yield*` level costs every
      // event another promise round trip (bench: http-stream / ws-stream).
      let kind = route.transport.kind;
      for (;;) {
        const websocket = kind === "websocket";
        if (websocket && route.transport.probe && plan.healthKey) this.deps.health.beginProbe(plan.healthKey);
        let delivered = 0;
        let notice: UnifiedEvent | undefined;
        try {
          const request = await this.turnRequest(plan, kind, newItems, turn, signal);
          for await (const event of this.deps.transports[kind].stream(request)) {
            if (delivered === 0 && websocket) this.deps.health.succeed(plan.healthKey);
            delivered++;
            collector.add(event);
            if (this.deps.hooks.event.isUsed()) this.deps.hooks.event.call(event, { route, turn });
            yield event;
          }
        } catch (error) {
          if (!websocket || delivered > 0) throw error;
          notice = await this.fallbackNotice(error, plan, kind, turn);
        }
        if (notice === undefined) break;
        yield notice;
        kind = "http";
      }
      this.conversation.push(...newItems, ...collector.items);
      this.previousResponseId = collector.responseId;
    } finally {
      this.busy = false;
    }
  }

  /**
   * A websocket turn failed before its first event: records the failure in health memory and
   * returns the transport-fallback notice, or rethrows when the failure or policy allows none.
   */
  private async fallbackNotice(error: unknown, plan: RoutePlan, kind: TransportKind, turn: number): Promise<UnifiedEvent> {
    const { route, record } = plan;
    if (!isTransportError(error) || error.code === "SY_ERR_TRANSPORT_ABORTED") throw error;
    const context = { extensionId: route.extension, providerId: route.provider };
    const info = { code: error.code, message: error.message, transport: kind, phase: error.details.phase, status: error.details.status, serverCode: error.details.serverCode };
    const classify = plan.hooks.classifyError;
    const verdict = classify ? await this.deps.code.call(route.extension, route.provider, "classifyError", () => classify(info, context)) : undefined;
    const fallbackWorthy = verdict?.fallback ?? error.details.fallbackWorthy;
    if (!fallbackWorthy) throw error;
    const origin = credentialOrigin(route.transport.url) ?? route.transport.url;
    const failure = { code: error.details.serverCode ? `${error.code}:${error.details.serverCode}` : error.code, message: verdict?.message ?? error.message };
    const entry = this.deps.health.fail({ provider: route.provider, origin, failure, cooldownMs: record.settings.cooldownMs, maxCooldownMs: record.settings.maxCooldownMs });
    const fallback = route.transport.fallback;
    if (this.deps.hooks.transportFailure.isUsed()) {
      this.deps.hooks.transportFailure.call({ provider: route.provider, transport: kind, origin, failure: entry.lastFailure, outcome: fallback ? "fallback" : "error" });
    }
    if (!fallback) throw error;
    const notice: UnifiedEvent = { type: "transport-fallback", from: "websocket", to: "http", reason: failure.message, code: failure.code };
    if (this.deps.hooks.event.isUsed()) this.deps.hooks.event.call(notice, { route, turn });
    return notice;
  }

  private async turnRequest(plan: RoutePlan, kind: TransportKind, newItems: InputItem[], turn: number, signal: AbortSignal | undefined): Promise<TurnRequest> {
    const { route, record } = plan;
    const settings = record.settings;
    const body = await buildRequestBody(
      plan,
      kind,
      turn,
      { instructions: this.options.instructions, tools: this.options.tools, extra: this.options.body },
      this.deps.code,
      this.deps.hooks,
    );
    const url = kind === route.transport.kind ? route.transport.url : (route.transport.fallback?.url ?? route.transport.url);
    const credentials = await this.credentialHeaders(plan, kind, url);
    const literal = kind === "websocket" ? settings.websocketHeaders : settings.httpHeaders;
    return {
      provider: route.provider,
      url,
      origins: route.origins,
      headers: { ...literal, ...settings.configHeaders, ...credentials.headers },
      secretHeaders: [...credentials.secretHeaders, ...Object.keys(settings.configHeaders).map((name) => name.toLowerCase())],
      body,
      input: { items: [...this.conversation, ...newItems], newItems, previousResponseId: kind === "websocket" ? this.previousResponseId : undefined },
      limits: kind === "websocket" ? settings.websocketLimits : undefined,
      timeouts: settings.timeouts,
      signal,
    };
  }

  /** Manifest-derived credentials, or what the provider's resolveAuth hook returns instead. */
  private async credentialHeaders(plan: RoutePlan, kind: TransportKind, url: string): Promise<{ headers: Record<string, string>; secretHeaders: string[] }> {
    const { route, credentials } = plan;
    const resolveAuth = plan.hooks.resolveAuth;
    if (!resolveAuth) {
      requireCredentials(credentials, route.provider);
      return credentials;
    }
    const context = {
      extensionId: route.extension,
      providerId: route.provider,
      env: this.deps.env,
      transport: kind,
      origin: credentialOrigin(url) ?? url,
      headers: credentials.headers,
    };
    const headers = await this.deps.code.call(route.extension, route.provider, "resolveAuth", () => resolveAuth(context));
    const lowered: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers ?? {})) lowered[name.toLowerCase()] = String(value);
    return { headers: lowered, secretHeaders: Object.keys(lowered) };
  }
}
