/**
 * Sends a response's events through a transport sink, stamping sequence numbers and applying the
 * response-level faults (delay, error-event, cut). Both transports share it, so a fault behaves
 * the same on HTTP and WebSocket except for how the stream ends.
 */
import { setImmediate as yieldToLoop, setTimeout as sleep } from "node:timers/promises";
import type { FaultOf } from "./faults.js";
import type { TransportName } from "./profiles.js";
import type { WireEvent } from "./response-events.js";

/** Where events go: an SSE response body or a websocket. */
export interface EventSink {
  readonly transport: TransportName;
  /** False once the peer went away or the emulator closed. */
  isOpen(): boolean;
  /** Sends one event; returns a promise when the caller should wait (backpressure). */
  write(event: WireEvent): Promise<void> | undefined;
  /** Ends the stream abnormally: a close code (ws), a truncated body (http), or a destroyed socket. */
  cut(closeCode: number | undefined, destroy: boolean): void;
}

export interface ResponseFaults {
  delay?: FaultOf<"delay"> | undefined;
  errorEvent?: FaultOf<"error-event"> | undefined;
  cut?: FaultOf<"cut"> | undefined;
}

export type RunOutcome = "completed" | "failed" | "cut" | "closed";

/** The `error` event sent mid-stream, and on HTTP the `response.failed` that follows it. */
export interface FailureEvents {
  error(code: string, message: string): WireEvent;
  failed(code: string, message: string): WireEvent | null;
}

// Yield now and then so other lanes, timers and socket reads get a turn during long streams.
const yieldEvery = 64;

export async function runEvents(
  events: Iterable<WireEvent>,
  sink: EventSink,
  faults: ResponseFaults,
  streamId: string | undefined,
  failure: FailureEvents,
): Promise<RunOutcome> {
  let sequence = 0;
  const stamp = (event: WireEvent): WireEvent =>
    streamId === undefined ? { ...event, sequence_number: sequence++ } : { ...event, sequence_number: sequence++, stream_id: streamId };
  const errorAt = faults.errorEvent ? (faults.errorEvent.afterEvents ?? 2) : -1;
  const cutAt = faults.cut ? faults.cut.afterEvents : -1;
  if (faults.delay?.firstEventMs) await sleep(faults.delay.firstEventMs);
  let sent = 0;
  // One event of lookahead: an error-event whose afterEvents lies beyond the stream fires in place
  // of the terminal event, so it always fires (it used to vanish on short streams).
  const iterator = events[Symbol.iterator]();
  let next = iterator.next();
  while (!next.done) {
    const event = next.value;
    next = iterator.next();
    if (!sink.isOpen()) return "closed";
    if (sent === cutAt && faults.cut) {
      sink.cut(faults.cut.closeCode, faults.cut.destroy ?? false);
      return "cut";
    }
    if (faults.errorEvent && (sent === errorAt || (next.done && errorAt > sent))) {
      const message = faults.errorEvent.message ?? `Injected error: ${faults.errorEvent.code}`;
      await sink.write(stamp(failure.error(faults.errorEvent.code, message)));
      const failed = failure.failed(faults.errorEvent.code, message);
      if (failed && sink.isOpen()) await sink.write(stamp(failed));
      return "failed";
    }
    if (sent > 0 && faults.delay?.betweenEventsMs) await sleep(faults.delay.betweenEventsMs);
    if (!sink.isOpen()) return "closed";
    const pending = sink.write(stamp(event));
    if (pending) await pending;
    sent += 1;
    if (sent % yieldEvery === 0) await yieldToLoop();
  }
  // A cut or error placed exactly at the end still happens: the client sees no clean finish.
  if (sent === cutAt && faults.cut && sink.isOpen()) {
    sink.cut(faults.cut.closeCode, faults.cut.destroy ?? false);
    return "cut";
  }
  return sink.isOpen() ? "completed" : "closed";
}
