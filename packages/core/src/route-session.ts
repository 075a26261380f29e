import { eventsOf, type InputItem, type UnifiedEvent } from "@switchyard/sdk";
import { toInputItems } from "./conversation.js";
import { routeExhaustedError, sessionBusy } from "./errors.js";
import { notify, type HostHooks } from "./hooks.js";
import type { Route } from "./route.js";
import type { Session, SessionOptions } from "./session.js";

/** What `host.session()` returns: a conversation with one model, or with a route's candidates. */
export interface ModelSession {
  readonly ref: string;
  /** The route of the latest turn (for a route alias: the candidate that answered). */
  readonly lastRoute: Route | undefined;
  items(): readonly InputItem[];
  /** Runs one turn; yields its events one at a time. */
  send(input: string | readonly InputItem[], options?: { signal?: AbortSignal }): AsyncGenerator<UnifiedEvent, void, undefined>;
  /** Runs one turn; yields its events in batches, one per network read (the throughput path; same events as `send`). */
  sendBatches(input: string | readonly InputItem[], options?: { signal?: AbortSignal }): AsyncGenerator<readonly UnifiedEvent[], void, undefined>;
}

/** Transport failures worth another provider: nothing was delivered and another server may answer. */
const RETRYABLE_TRANSPORT_CODES = new Set([
  "SY_ERR_TRANSPORT_CONNECT_FAILED",
  "SY_ERR_TRANSPORT_UPGRADE_REJECTED",
  "SY_ERR_TRANSPORT_CLOSED_EARLY",
  "SY_ERR_TRANSPORT_TIMEOUT",
  // Refused before sending: this candidate's URL is outside its origins.
  "SY_ERR_TRANSPORT_ORIGIN_REFUSED",
]);
const STATUS_CODES = new Set(["SY_ERR_TRANSPORT_HTTP_STATUS", "SY_ERR_TRANSPORT_SERVER_ERROR", "SY_ERR_TRANSPORT_RESPONSE_FAILED"]);
/** Failures that are the caller's, whichever candidate runs the turn. */
const CALLER_CODES = new Set(["SY_ERR_SESSION_INPUT_INVALID", "SY_ERR_SESSION_BUSY", "SY_ERR_HOST_CLOSED"]);

/**
 * Whether a failed turn may move to the next candidate. Transport failures: connect errors,
 * timeouts, early closes, 429 and 5xx answers; an upstream 4xx would fail the same way elsewhere,
 * and an abort is the caller's decision. Any other coded failure happened before anything was
 * sent (provider not loaded, no credential, a request rule or extension hook of that provider), so
 * another provider may well work, unless the caller's input itself is wrong.
 */
export function isRetryableFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, details } = error as Error & { code?: unknown; details?: { status?: unknown; serverCode?: unknown } };
  if (typeof code !== "string" || !code.startsWith("SY_ERR_")) return false;
  if (!code.startsWith("SY_ERR_TRANSPORT_")) return !CALLER_CODES.has(code);
  if (RETRYABLE_TRANSPORT_CODES.has(code)) return true;
  if (!STATUS_CODES.has(code)) return false;
  const status = typeof details?.status === "number" ? details.status : undefined;
  if (status !== undefined) return status === 429 || status >= 500;
  // An error event without a status (websocket, or a failed response): server-side codes only.
  return details?.serverCode === "server_error" || details?.serverCode === "rate_limit_exceeded";
}

/**
 * A conversation over a route's ordered candidates. Each turn starts at the first candidate; on a
 * retryable failure before the first event it moves to the next, which gets the conversation so
 * far and goes through its own resolve (its base URL, credentials and origins, never the previous
 * candidate's). A `route-failover` event says who failed and who answers.
 */
export class RouteSession implements ModelSession {
  private conversation: InputItem[] = [];
  /** One session per candidate, kept while it holds the same conversation (websocket continuation). */
  private readonly sessions = new Map<number, Session>();
  private busy = false;
  lastRoute: Route | undefined;

  constructor(
    readonly ref: string,
    private readonly candidates: readonly string[],
    private readonly options: SessionOptions,
    private readonly open: (ref: string, options: SessionOptions) => Session,
    private readonly hooks: HostHooks,
  ) {}

  items(): readonly InputItem[] {
    return this.conversation;
  }

  /** Runs one turn on the first candidate that answers, one event at a time: `sendBatches()` flattened. */
  send(input: string | readonly InputItem[], options: { signal?: AbortSignal } = {}): AsyncGenerator<UnifiedEvent, void, undefined> {
    return eventsOf(this.sendBatches(input, options));
  }

  /**
   * Runs one turn on the first candidate that answers, in batches. Throws what the last tried
   * candidate threw when the failure is not retryable, SY_ERR_ROUTE_EXHAUSTED when every candidate
   * failed, and SY_ERR_SESSION_BUSY while a turn runs.
   */
  async *sendBatches(input: string | readonly InputItem[], options: { signal?: AbortSignal } = {}): AsyncGenerator<readonly UnifiedEvent[], void, undefined> {
    if (this.busy) {
      throw sessionBusy(this.ref);
    }
    const newItems = toInputItems(input);
    this.busy = true;
    const attempts: Array<{ ref: string; code: string; message: string }> = [];
    try {
      for (let index = 0; index < this.candidates.length; index++) {
        const candidate = this.candidates[index] as string;
        const session = this.sessionFor(index, candidate);
        let delivered = 0;
        try {
          for await (const batch of session.sendBatches(newItems, options)) {
            for (const event of batch) {
              if (event.type !== "transport-fallback") delivered++;
              if (event.type === "response-start") this.lastRoute = session.lastRoute;
            }
            yield batch;
          }
          this.conversation = [...session.items()];
          this.lastRoute = session.lastRoute;
          return;
        } catch (error) {
          this.sessions.delete(index);
          const code = (error as { code?: unknown }).code;
          attempts.push({ ref: candidate, code: typeof code === "string" ? code : "unknown", message: error instanceof Error ? error.message : String(error) });
          const next = this.candidates[index + 1];
          if (delivered > 0 || !isRetryableFailure(error) || options.signal?.aborted || this.options.signal?.aborted) throw error;
          if (next === undefined) throw routeExhaustedError(this.ref, attempts, error);
          const notice: UnifiedEvent = { type: "route-failover", route: this.ref, from: candidate, to: next, reason: attempts.at(-1)?.message ?? "", code: attempts.at(-1)?.code ?? "unknown" };
          const eventTap = this.hooks.event;
          if (eventTap.isUsed() && session.lastRoute) notify(() => eventTap.call(notice, { route: session.lastRoute as Route, turn: 0 }));
          yield [notice];
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private sessionFor(index: number, candidate: string): Session {
    const existing = this.sessions.get(index);
    // A candidate that missed turns answered elsewhere starts over from the whole conversation.
    if (existing && existing.items().length === this.conversation.length) return existing;
    const session = this.open(candidate, { ...this.options, history: this.conversation });
    this.sessions.set(index, session);
    return session;
  }
}
