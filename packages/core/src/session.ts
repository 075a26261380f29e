import { eventsOf, isSwitchyardError, type ConversationItem, type FunctionTool, type UnifiedEvent } from "@switchyard/sdk";
import { OutputCollector, toInputItems } from "./conversation.js";
import { hostClosed, sessionBusy, signInRequired } from "./errors.js";
import type { HealthOutcomes } from "./health-outcomes.js";
import { notify, type HostHooks } from "./hooks.js";
import type { RoutePlan } from "./resolver.js";
import type { Route } from "./route.js";
import type { TransportPolicy } from "./selector.js";
import { TurnRunner, type RunnerDeps } from "./turn-runner.js";

export interface SessionOptions {
  instructions?: string;
  tools?: readonly FunctionTool[];
  /** Cancels every turn of this session. */
  signal?: AbortSignal;
  /** Overrides the configured transport policy for this session. */
  transport?: TransportPolicy;
  /** Extra create parameters (temperature, metadata, max_output_tokens, …); each wire API passes on what it knows. */
  body?: Readonly<Record<string, unknown>>;
  /** Conversation items to start from (a route handing the conversation to its next candidate). */
  history?: readonly ConversationItem[];
}

export interface SessionDeps extends RunnerDeps {
  /** The planner: route, settings, targets, health key and claimed probe of one turn. */
  plan(ref: string, policy: TransportPolicy | undefined): Promise<RoutePlan>;
  hooks: HostHooks;
  outcomes: HealthOutcomes;
  isClosed(): boolean;
}

/**
 * A conversation with one model. It keeps the items (api-neutral) and runs the event loop; the
 * planner picks where a turn goes and the runner sends it and classifies failures. Over websocket
 * each turn continues from the previous response with only the new items (the transport replays
 * in full when the server lost that state); over HTTP it sends everything. A turn that fails or
 * is aborted leaves the conversation as it was, so the session stays usable.
 */
export class Session {
  private readonly conversation: ConversationItem[] = [];
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

  /** The conversation so far: inputs and model outputs, as api-neutral conversation items. */
  items(): readonly ConversationItem[] {
    return this.conversation;
  }

  /**
   * Runs one turn and yields unified events, one at a time: `sendBatches()` flattened. Throws
   * coded errors from the iterator: SY_ERR_SESSION_BUSY, SY_ERR_HOST_CLOSED, SY_ERR_AUTH_MISSING,
   * SY_ERR_AUTH_SIGN_IN_REQUIRED, SY_ERR_REQUEST_RULE_VIOLATED, SY_ERR_TRANSPORT_*, …
   */
  send(input: string | readonly ConversationItem[], options: { signal?: AbortSignal } = {}): AsyncGenerator<UnifiedEvent, void, undefined> {
    return eventsOf(this.sendBatches(input, options));
  }

  /**
   * Runs one turn and yields its events in batches: every event one network read decoded to, in
   * order, never an empty batch. The same events, errors and conversation as `send()`, for
   * consumers that want throughput (a gateway writing a batch per socket write, a UI painting
   * per frame); the array is the consumer's to keep. The conversation takes the response when
   * its end arrives, before that batch is handed out, so a consumer that stops inside the last
   * batch (or `send()` consumer that breaks there) still has the completed response in `items()`.
   */
  async *sendBatches(input: string | readonly ConversationItem[], options: { signal?: AbortSignal } = {}): AsyncGenerator<readonly UnifiedEvent[], void, undefined> {
    if (this.deps.isClosed()) throw hostClosed();
    if (this.busy) throw sessionBusy(this.ref);
    const newItems = toInputItems(input);
    this.busy = true;
    let plan: RoutePlan | undefined;
    try {
      plan = await this.deps.plan(this.ref, this.options.transport);
      this.lastRoute = plan.route;
      const turn = ++this.turns;
      const sessionSignal = this.options.signal;
      const turnSignal = options.signal;
      const runner = new TurnRunner(
        plan,
        {
          turn,
          instructions: this.options.instructions,
          tools: this.options.tools,
          extra: this.options.body,
          items: [...this.conversation, ...newItems],
          newItems,
          previousResponseId: this.previousResponseId,
          signal: sessionSignal && turnSignal ? AbortSignal.any([sessionSignal, turnSignal]) : (sessionSignal ?? turnSignal),
        },
        this.deps,
      );
      const collector = new OutputCollector();
      const { route } = plan;
      const eventTap = this.deps.hooks.event;
      // The event loop lives here, not in a delegated generator: each `yield*` level costs every
      // batch another promise round trip (bench: http-stream / ws-stream).
      let kind = route.transport.kind;
      // A stored sign-in token the server refused (401): the turn refreshes it once and retries.
      let rejected: string | undefined;
      for (;;) {
        let delivered = 0;
        let notice: UnifiedEvent | undefined;
        try {
          const dispatched = runner.dispatch(kind, rejected);
          for await (const batch of dispatched instanceof Promise ? await dispatched : dispatched) {
            if (delivered === 0) runner.started(kind);
            delivered += batch.length;
            this.absorb(batch, newItems, collector, eventTap.isUsed() ? (event) => notify(() => eventTap.call(event, { route, turn })) : undefined);
            yield batch;
          }
        } catch (error) {
          // A stored sign-in token refused before any event: refresh it once and retry, no fallback.
          const signedIn = runner.signedIn;
          if (signedIn !== undefined && delivered === 0 && isUnauthorized(error)) {
            if (rejected !== undefined) throw signInRequired(route.provider, "the server refused a freshly refreshed token (HTTP 401)");
            rejected = signedIn;
            continue;
          }
          notice = await runner.failed(error, kind, delivered);
        }
        if (notice === undefined) break;
        yield [notice];
        kind = "http";
      }
    } finally {
      // Only a claimed probe has anything to settle: most turns skip the await.
      if (plan?.probe) await this.deps.outcomes.settle(plan);
      this.busy = false;
    }
  }

  /**
   * Takes what the conversation keeps from one batch, and hands each event to the event tap if
   * one is set. Its own small method, not a loop inside sendBatches: the optimizing compiler
   * treats a small hot loop far better than one inside a large async generator (~3 % of a
   * 20,000-delta turn).
   */
  private absorb(batch: readonly UnifiedEvent[], newItems: ConversationItem[], collector: OutputCollector, tap: ((event: UnifiedEvent) => void) | undefined): void {
    for (let at = 0; at < batch.length; at++) {
      const event = batch[at] as UnifiedEvent;
      // Text deltas, nearly every event of a long answer, add nothing to the conversation (text-end carries the whole text).
      if (event.type !== "text-delta") {
        collector.add(event);
        // Commit before the consumer sees the end: it may stop pulling right there.
        if (event.type === "response-end" && event.status !== "failed") this.commit(newItems, collector);
      }
      // A tap sees each event with the conversation as of that event: committed from response-end on.
      tap?.(event);
    }
  }

  private commit(newItems: ConversationItem[], collector: OutputCollector): void {
    this.conversation.push(...newItems, ...collector.items);
    this.previousResponseId = collector.responseId;
  }
}

/** A transport error for an HTTP 401 (read from its details: transports are injected, no class check). */
function isUnauthorized(error: unknown): boolean {
  return isSwitchyardError(error) && error.code.startsWith("SY_ERR_TRANSPORT_") && (error.details as { status?: unknown }).status === 401;
}
