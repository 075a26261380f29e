import { aborted, timedOut, type FailureContext, type TimeoutKind, type TransportError } from "./errors.js";

/**
 * The part of AbortSignal the transports' libraries use (undici's request and the websocket
 * opener read `aborted`/`reason` and add an "abort" listener). A real AbortSignal costs about
 * 10 µs to create in Node 20, a visible share of a short turn; this costs an object.
 */
export interface TurnSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/**
 * Cancellation and timeouts of one turn. `signal` aborts, with a coded TransportError as its
 * reason, when the caller's signal aborts or a timeout elapses. One timer serves all stages and is
 * re-armed only when a stage's deadline comes earlier than the armed one; a batch of frames only
 * records the time.
 */
export interface TurnControl {
  readonly signal: TurnSignal;
  /** The coded error the turn was interrupted with, if any. */
  readonly interruption: TransportError | undefined;
  /** Starts the timeout of a stage: "connect", then "first-event" once the request is sent. */
  enter(stage: "connect" | "first-event"): void;
  /** Frames arrived: the first batch moves to the "idle" stage; later ones reset its clock. */
  activity(): void;
  /** Called once, synchronously, when the turn is interrupted (abort or timeout). */
  onInterrupt(listener: () => void): void;
  dispose(): void;
}

export function createTurnControl(
  context: FailureContext,
  timeouts: { connectMs?: number; firstEventMs?: number; idleMs?: number } | undefined,
  callerSignal: AbortSignal | undefined,
): TurnControl {
  return new Control(context, timeouts, callerSignal);
}

/** A class rather than closures: every turn makes one, and an instance costs one object. It is its own signal. */
class Control implements TurnControl, TurnSignal {
  interruption: TransportError | undefined = undefined;
  private listener: (() => void) | undefined = undefined;
  /** Abort listeners: one in a field (undici adds one per request), a Set only past that. */
  private abortListener: (() => void) | undefined = undefined;
  private moreAbortListeners: Set<() => void> | undefined = undefined;
  private stage: TimeoutKind | undefined = undefined;
  private limit: number | undefined = undefined;
  private since = 0;
  private timer: NodeJS.Timeout | undefined = undefined;
  /** When the armed timer fires (Date.now() clock). */
  private armedFor = 0;
  private readonly onCallerAbort: (() => void) | undefined;

  constructor(
    private readonly context: FailureContext,
    private readonly timeouts: { connectMs?: number; firstEventMs?: number; idleMs?: number } | undefined,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    if (callerSignal) {
      const onCallerAbort = (): void => this.interrupt(aborted(context, callerSignal.reason));
      if (callerSignal.aborted) onCallerAbort();
      else {
        this.onCallerAbort = onCallerAbort;
        callerSignal.addEventListener("abort", onCallerAbort, { once: true });
      }
    }
  }

  get signal(): TurnSignal {
    return this;
  }

  get aborted(): boolean {
    return this.interruption !== undefined;
  }

  get reason(): unknown {
    return this.interruption;
  }

  addEventListener(_type: "abort", added: () => void): void {
    if (this.abortListener === added) return;
    // The field holds the earliest listener only, so listeners fire in the order they were added.
    if (this.abortListener === undefined && this.moreAbortListeners === undefined) this.abortListener = added;
    else (this.moreAbortListeners ??= new Set()).add(added);
  }

  removeEventListener(_type: "abort", removed: () => void): void {
    if (this.abortListener === removed) this.abortListener = undefined;
    else this.moreAbortListeners?.delete(removed);
  }

  enter(next: TimeoutKind): void {
    this.stage = next;
    this.since = Date.now();
    const timeouts = this.timeouts;
    const ms = next === "connect" ? timeouts?.connectMs : next === "first-event" ? timeouts?.firstEventMs : timeouts?.idleMs;
    this.limit = ms !== undefined && ms > 0 ? ms : undefined;
    if (this.limit === undefined || this.interruption) return;
    // A timer armed for a later moment must move; one armed earlier re-arms itself when it fires.
    if (this.timer === undefined || this.since + this.limit < this.armedFor) this.arm(this.since + this.limit, this.since);
  }

  activity(): void {
    if (this.stage === "idle") this.since = Date.now();
    else this.enter("idle");
  }

  onInterrupt(next: () => void): void {
    this.listener = next;
  }

  dispose(): void {
    this.clear();
    this.stage = undefined;
    this.listener = undefined;
    if (this.onCallerAbort) this.callerSignal?.removeEventListener("abort", this.onCallerAbort);
  }

  private interrupt(error: TransportError): void {
    if (this.interruption) return;
    this.interruption = error;
    this.clear();
    // Listeners fire once, like an AbortSignal's.
    const first = this.abortListener;
    const more = this.moreAbortListeners;
    this.abortListener = undefined;
    this.moreAbortListeners = undefined;
    first?.();
    if (more) for (const each of more) each();
    this.listener?.();
  }

  private clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(at: number, now: number): void {
    this.clear();
    this.armedFor = at;
    this.timer = setTimeout(() => this.check(), Math.max(0, at - now));
  }

  private check(): void {
    this.timer = undefined;
    const { stage, limit } = this;
    if (stage === undefined || limit === undefined) return;
    const now = Date.now();
    if (now - this.since >= limit) this.interrupt(timedOut(this.context, stage, limit));
    else this.arm(this.since + limit, now);
  }
}
