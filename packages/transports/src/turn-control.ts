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
  let interruption: TransportError | undefined;
  let listener: (() => void) | undefined;
  let abortListeners: Set<() => void> | undefined;
  const signal: TurnSignal = {
    get aborted() {
      return interruption !== undefined;
    },
    get reason() {
      return interruption;
    },
    addEventListener(_type, added) {
      (abortListeners ??= new Set()).add(added);
    },
    removeEventListener(_type, removed) {
      abortListeners?.delete(removed);
    },
  };
  let stage: TimeoutKind | undefined;
  let limit: number | undefined;
  let since = 0;
  let timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires (Date.now() clock). */
  let armedFor = 0;

  function interrupt(error: TransportError): void {
    if (interruption) return;
    interruption = error;
    clear();
    // Listeners fire once, like an AbortSignal's.
    const listeners = abortListeners;
    abortListeners = undefined;
    if (listeners) for (const each of listeners) each();
    listener?.();
  }

  function clear(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  function arm(at: number, now: number): void {
    clear();
    armedFor = at;
    timer = setTimeout(check, Math.max(0, at - now));
  }

  function check(): void {
    timer = undefined;
    if (stage === undefined || limit === undefined) return;
    const now = Date.now();
    if (now - since >= limit) interrupt(timedOut(context, stage, limit));
    else arm(since + limit, now);
  }

  function start(next: TimeoutKind): void {
    stage = next;
    since = Date.now();
    const ms = next === "connect" ? timeouts?.connectMs : next === "first-event" ? timeouts?.firstEventMs : timeouts?.idleMs;
    limit = ms !== undefined && ms > 0 ? ms : undefined;
    if (limit === undefined || interruption) return;
    // A timer armed for a later moment must move; one armed earlier re-arms itself when it fires.
    if (timer === undefined || since + limit < armedFor) arm(since + limit, since);
  }

  const onCallerAbort = (): void => interrupt(aborted(context, callerSignal?.reason));
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });

  return {
    signal,
    get interruption() {
      return interruption;
    },
    enter: start,
    activity() {
      if (stage === "idle") since = Date.now();
      else start("idle");
    },
    onInterrupt(next) {
      listener = next;
    },
    dispose() {
      clear();
      stage = undefined;
      listener = undefined;
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}
