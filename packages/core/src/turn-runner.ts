import { batchesOf, isSwitchyardError, type ConversationItem, type FunctionTool, type Transport, type TransportKind, type TurnBody, type TurnRequest, type UnifiedEvent, type WireApi } from "@switchyard/sdk";
import type { ExtensionCode } from "./extension-code.js";
import type { HealthOutcomes } from "./health-outcomes.js";
import type { SignIn } from "./oauth/sign-in.js";
import { notify, type HostHooks } from "./hooks.js";
import { buildRequestBody } from "./request-body.js";
import { requestHeaders, type RequestHeaders } from "./request-headers.js";
import type { RoutePlan } from "./resolver.js";
import type { WireApis } from "./wire-apis.js";

export interface RunnerDeps {
  transports: Readonly<Record<TransportKind, Transport>>;
  apis: WireApis;
  code: ExtensionCode;
  hooks: HostHooks;
  outcomes: HealthOutcomes;
  env: Readonly<Record<string, string | undefined>>;
  signIn: SignIn;
}

/** What one turn sends: the session's settings and conversation. */
export interface TurnInput {
  turn: number;
  instructions: string | undefined;
  tools: readonly FunctionTool[] | undefined;
  extra: Readonly<Record<string, unknown>> | undefined;
  items: ConversationItem[];
  newItems: ConversationItem[];
  previousResponseId: string | undefined;
  signal: AbortSignal | undefined;
}

/** A transport failure, read from the error's details (transports are injected: no class check). */
interface FailureFacts {
  code: string;
  message: string;
  phase: "connect" | "before-first-event" | "after-first-event";
  status: number | undefined;
  serverCode: string | undefined;
  fallbackWorthy: boolean;
}

function transportFailure(error: unknown): FailureFacts | undefined {
  if (!isSwitchyardError(error) || !error.code.startsWith("SY_ERR_TRANSPORT_") || error.code === "SY_ERR_TRANSPORT_ABORTED") return undefined;
  const details = error.details as Record<string, unknown>;
  return {
    code: error.code,
    message: error.message,
    phase: details.phase === "connect" || details.phase === "after-first-event" ? details.phase : "before-first-event",
    status: typeof details.status === "number" ? details.status : undefined,
    serverCode: typeof details.serverCode === "string" ? details.serverCode : undefined,
    fallbackWorthy: details.fallbackWorthy === true,
  };
}

/**
 * Runs one planned turn on a transport: builds its request (body, headers, codec, target), hands
 * it to the transport, and classifies a failure — fallback or error — with the provider's
 * classifyError hook. Health memory hears about outcomes only through HealthOutcomes.
 */
export class TurnRunner {
  /** The stored sign-in token the latest dispatch sent, if it came from the store (a 401 then refreshes it). */
  signedIn: string | undefined;

  constructor(
    private readonly plan: RoutePlan,
    private readonly input: TurnInput,
    private readonly deps: RunnerDeps,
  ) {}

  /**
   * Starts the turn on `kind`: the transport's batched event stream (a transport with only
   * `stream()` gives batches of one). Throws coded errors before anything is sent. `rejected` is
   * a stored sign-in token the server just refused: it is refreshed first.
   */
  dispatch(kind: TransportKind, rejected?: string): AsyncIterable<readonly UnifiedEvent[]> | Promise<AsyncIterable<readonly UnifiedEvent[]>> {
    const request = this.request(kind, rejected);
    return request instanceof Promise ? request.then((ready) => this.start(kind, ready)) : this.start(kind, request);
  }

  private start(kind: TransportKind, request: TurnRequest): AsyncIterable<readonly UnifiedEvent[]> {
    const transport = this.deps.transports[kind];
    return transport.streamBatches ? transport.streamBatches(request) : batchesOf(transport.stream(request));
  }

  /** The first event of a websocket turn arrived. */
  started(kind: TransportKind): void {
    if (kind === "websocket") this.deps.outcomes.websocketWorked(this.plan);
  }

  /**
   * The turn failed on `kind` after `delivered` events. Reports it; returns the transport-fallback
   * notice when a websocket failed before its first event and may fall back (policy auto, health
   * memory told). Otherwise rethrows.
   */
  async failed(error: unknown, kind: TransportKind, delivered: number): Promise<UnifiedEvent> {
    const facts = transportFailure(error);
    if (!facts) throw error;
    const { route } = this.plan;
    const origin = this.plan.targets[kind]?.origin ?? "unknown";
    let fallbackWorthy = false;
    let message = facts.message;
    if (kind === "websocket" && delivered === 0) {
      const classify = this.plan.hooks.classifyError;
      const context = { extensionId: route.extension, providerId: route.provider };
      const info = { code: facts.code, message: facts.message, transport: kind, phase: facts.phase, status: facts.status, serverCode: facts.serverCode };
      const verdict = classify ? await this.deps.code.call(route.extension, route.provider, "classifyError", () => classify(info, context), { signal: this.input.signal }) : undefined;
      fallbackWorthy = verdict?.fallback ?? facts.fallbackWorthy;
      if (verdict?.message) message = this.deps.code.scrub(verdict.message);
    }
    const code = facts.serverCode ? `${facts.code}:${facts.serverCode}` : facts.code;
    const fallback = fallbackWorthy && this.plan.targets.http ? route.transport.fallback : undefined;
    const at = fallbackWorthy ? await this.deps.outcomes.websocketFailed(this.plan, origin, { code, message }) : Date.now();
    const failureTap = this.deps.hooks.transportFailure;
    if (failureTap.isUsed()) {
      notify(() => failureTap.call({ provider: route.provider, transport: kind, origin, failure: { code, message, at }, outcome: fallback ? "fallback" : "error" }));
    }
    if (!fallback) throw error;
    const notice: UnifiedEvent = { type: "transport-fallback", from: "websocket", to: "http", reason: message, code };
    const eventTap = this.deps.hooks.event;
    if (eventTap.isUsed()) notify(() => eventTap.call(notice, { route, turn: this.input.turn }));
    return notice;
  }

  /**
   * The turn's request. Synchronous when nothing needs waiting for (no shapeRequest or
   * beforeRequest hook, a shipped codec, credentials from the environment): most turns.
   */
  private request(kind: TransportKind, rejected: string | undefined): TurnRequest | Promise<TurnRequest> {
    const { plan, input, deps } = this;
    const { route } = plan;
    const body = buildRequestBody(plan, kind, input.turn, { instructions: input.instructions, tools: input.tools, extra: input.extra, signal: input.signal }, deps.code, deps.hooks);
    const api = deps.apis.get(route.api, route.provider);
    // Headers after the body, as before: a body hook's or rule's error comes before a credential's.
    const withHeaders = (readyBody: TurnBody, readyApi: WireApi): TurnRequest | Promise<TurnRequest> => {
      const target = plan.targets[kind] as { url: string; origin: string };
      const headers = requestHeaders(plan.record, plan.hooks, plan.credentials, kind, target.url, { code: deps.code, env: deps.env, signIn: deps.signIn, signal: input.signal }, true, rejected);
      return headers instanceof Promise ? headers.then((ready) => this.assemble(kind, readyBody, readyApi, ready)) : this.assemble(kind, readyBody, readyApi, headers);
    };
    if (body instanceof Promise || api instanceof Promise) return Promise.all([body, api]).then(([readyBody, readyApi]) => withHeaders(readyBody, readyApi));
    return withHeaders(body, api);
  }

  private assemble(kind: TransportKind, body: TurnBody, api: WireApi, { headers, secretHeaders, signedIn }: RequestHeaders): TurnRequest {
    const { plan, input } = this;
    const { route, record } = plan;
    const settings = record.settings;
    // The session runs the route's kind, or http once failed() saw the plan's http fallback target.
    const target = plan.targets[kind] as { url: string; origin: string };
    this.signedIn = signedIn;
    return {
      provider: route.provider,
      url: target.url,
      origins: settings.origins,
      headers,
      secretHeaders,
      api,
      body,
      input: { items: input.items, newItems: input.newItems, previousResponseId: kind === "websocket" ? input.previousResponseId : undefined },
      limits: kind === "websocket" ? settings.websocketLimits : undefined,
      timeouts: settings.timeouts,
      signal: input.signal,
    };
  }
}
