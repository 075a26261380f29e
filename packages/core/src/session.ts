import { credentialOrigin, type FunctionTool, type InputItem, type TransportKind, type UnifiedEvent } from "@switchyard/sdk";
import { isTransportError, type Transport, type TurnRequest } from "@switchyard/transports";
import { OutputCollector, toInputItems } from "./conversation.js";
import { CoreErrorCode, coreError } from "./errors.js";
import type { ExtensionCode } from "./extension-code.js";
import type { HealthMemory, ProbeTicket } from "./health-memory.js";
import { notify, type HostHooks } from "./hooks.js";
import { buildRequestBody } from "./request-body.js";
import { requestHeaders } from "./request-headers.js";
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
  /** Conversation items to start from (a route handing the conversation to its next candidate). */
  history?: readonly InputItem[];
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
  ) {
    if (options.history) this.conversation.push(...options.history);
  }

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
    let probe: ProbeTicket | undefined;
    try {
      const plan = await this.deps.plan(this.ref, this.options.transport);
      probe = plan.probe;
      this.lastRoute = plan.route;
      const turn = ++this.turns;
      const signals = [this.options.signal, options.signal].filter((s): s is AbortSignal => s !== undefined);
      const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      const collector = new OutputCollector();
      const { route } = plan;
      const eventTap = this.deps.hooks.event;
      // The event loop lives here, not in a delegated generator: each `yield*` level costs every
      // event another promise round trip (bench: http-stream / ws-stream).
      let kind = route.transport.kind;
      for (;;) {
        const websocket = kind === "websocket";
        let delivered = 0;
        let notice: UnifiedEvent | undefined;
        try {
          const request = await this.turnRequest(plan, kind, newItems, turn, signal);
          for await (const event of this.deps.transports[kind].stream(request)) {
            if (delivered === 0 && websocket) this.websocketWorked(plan);
            delivered++;
            collector.add(event);
            // Commit before the consumer sees the end: it may stop pulling right there.
            if (event.type === "response-end" && event.status !== "failed") this.commit(newItems, collector);
            if (eventTap.isUsed()) notify(() => eventTap.call(event, { route, turn }));
            yield event;
          }
        } catch (error) {
          notice = await this.onFailure(error, plan, kind, delivered, turn);
        }
        if (notice === undefined) break;
        yield notice;
        kind = "http";
      }
    } finally {
      // A probe that ended without a verdict (abort, request error, close) frees the slot.
      await probe?.release();
      this.busy = false;
    }
  }

  private commit(newItems: InputItem[], collector: OutputCollector): void {
    this.conversation.push(...newItems, ...collector.items);
    this.previousResponseId = collector.responseId;
  }

  /** The first websocket event arrived: a probe succeeded, or a forced attempt proved it healthy. */
  private websocketWorked(plan: RoutePlan): void {
    // Not awaited: health writes never reject, and the first event should not wait for a store.
    if (plan.probe) void plan.probe.succeed();
    else if (plan.route.policy === "websocket" && plan.healthKey) void this.deps.health.clear(plan.healthKey);
  }

  /**
   * A turn failed. Reports it; when it was a fallback-worthy websocket failure before the first
   * event, records it in health memory and returns the transport-fallback notice (policy auto).
   * Otherwise rethrows.
   */
  private async onFailure(error: unknown, plan: RoutePlan, kind: TransportKind, delivered: number, turn: number): Promise<UnifiedEvent> {
    if (!isTransportError(error) || error.code === "SY_ERR_TRANSPORT_ABORTED") throw error;
    const { route, record } = plan;
    const origin = (kind === "websocket" ? plan.websocketOrigin : credentialOrigin(record.settings.httpUrl ?? "")) ?? "unknown";
    let fallbackWorthy = false;
    let message = error.message;
    if (kind === "websocket" && delivered === 0) {
      const classify = plan.hooks.classifyError;
      const context = { extensionId: route.extension, providerId: route.provider };
      const info = { code: error.code, message: error.message, transport: kind, phase: error.details.phase, status: error.details.status, serverCode: error.details.serverCode };
      const verdict = classify ? await this.deps.code.call(route.extension, route.provider, "classifyError", () => classify(info, context)) : undefined;
      fallbackWorthy = verdict?.fallback ?? error.details.fallbackWorthy;
      if (verdict?.message) message = this.deps.code.scrub(verdict.message);
    }
    const code = error.details.serverCode ? `${error.code}:${error.details.serverCode}` : error.code;
    const fallback = fallbackWorthy ? route.transport.fallback : undefined;
    const at = fallbackWorthy
      ? (await this.deps.health.fail({ provider: route.provider, origin, failure: { code, message }, cooldownMs: record.settings.cooldownMs, maxCooldownMs: record.settings.maxCooldownMs, probe: plan.probe })).lastFailure.at
      : Date.now();
    const failureTap = this.deps.hooks.transportFailure;
    if (failureTap.isUsed()) {
      notify(() => failureTap.call({ provider: route.provider, transport: kind, origin, failure: { code, message, at }, outcome: fallback ? "fallback" : "error" }));
    }
    if (!fallback) throw error;
    const notice: UnifiedEvent = { type: "transport-fallback", from: "websocket", to: "http", reason: message, code };
    const eventTap = this.deps.hooks.event;
    if (eventTap.isUsed()) notify(() => eventTap.call(notice, { route, turn }));
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
    // A route tap may change the URL, but the transport still checks it against the settled origins.
    const url = kind === route.transport.kind ? route.transport.url : (settings.httpUrl as string);
    const { headers, secretHeaders } = await requestHeaders(record, plan.hooks, plan.credentials, kind, url, this.deps, true);
    return {
      provider: route.provider,
      url,
      origins: settings.origins,
      headers,
      secretHeaders,
      body,
      input: { items: [...this.conversation, ...newItems], newItems, previousResponseId: kind === "websocket" ? this.previousResponseId : undefined },
      limits: kind === "websocket" ? settings.websocketLimits : undefined,
      timeouts: settings.timeouts,
      signal,
    };
  }
}
