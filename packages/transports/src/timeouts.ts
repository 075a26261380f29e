/** Turn timeouts in milliseconds; 0 or undefined disables one. */
export interface TransportTimeouts {
  /** Until the HTTP response headers arrive / the WebSocket upgrade completes. */
  connectMs?: number;
  /** From sending the request until the server's first frame. */
  firstEventMs?: number;
  /** Between frames once the first one arrived. */
  idleMs?: number;
}

/** Defaults when neither the turn nor the transport options set a timeout. */
export const DEFAULT_TIMEOUTS: Readonly<Required<TransportTimeouts>> = Object.freeze({
  connectMs: 30_000,
  firstEventMs: 300_000,
  idleMs: 300_000,
});
