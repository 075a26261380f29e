import { aborted, timedOut, type FailureContext, type TimeoutKind, type TransportError } from "./errors.js";

/**
 * Cancellation and timeouts of one turn. `signal` aborts, with a coded TransportError as its
 * reason, when the caller's signal aborts or a timeout elapses. One timer serves all stages; a
 * frame only records the time (no timer re-arming per event).
 */
export interface TurnControl {
  readonly signal: AbortSignal;
  /** The coded error the turn was interrupted with, if any. */
  readonly interruption: TransportError | undefined;
  /** Starts the timeout of a stage: "connect", then "first-event" once the request is sent. */
  enter(stage: "connect" | "first-event"): void;
  /** A frame arrived: the first one moves to the "idle" stage; later ones reset its clock. */
  activity(): void;
  dispose(): void;
}

export function createTurnControl(
  context: FailureContext,
  timeouts: { connectMs?: number; firstEventMs?: number; idleMs?: number } | undefined,
  callerSignal: AbortSignal | undefined,
): TurnControl {
  const controller = new AbortController();
  let interruption: TransportError | undefined;
  let stage: TimeoutKind | undefined;
  let limit: number | undefined;
  let since = 0;
  let timer: NodeJS.Timeout | undefined;

  function interrupt(error: TransportError): void {
    if (interruption) return;
    interruption = error;
    clear();
    controller.abort(error);
  }

  function clear(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  function check(): void {
    timer = undefined;
    if (stage === undefined || limit === undefined) return;
    const elapsed = Date.now() - since;
    if (elapsed >= limit) interrupt(timedOut(context, stage, limit));
    else timer = setTimeout(check, limit - elapsed);
  }

  function start(next: TimeoutKind): void {
    stage = next;
    since = Date.now();
    limit = next === "connect" ? timeouts?.connectMs : next === "first-event" ? timeouts?.firstEventMs : timeouts?.idleMs;
    clear();
    if (limit !== undefined && limit > 0 && !interruption) timer = setTimeout(check, limit);
    else limit = undefined;
  }

  const onCallerAbort = (): void => interrupt(aborted(context, callerSignal?.reason));
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });

  return {
    signal: controller.signal,
    get interruption() {
      return interruption;
    },
    enter: start,
    activity() {
      if (stage === "idle") since = Date.now();
      else start("idle");
    },
    dispose() {
      clear();
      stage = undefined;
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}
