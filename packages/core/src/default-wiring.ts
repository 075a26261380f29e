import type { Transport, TransportKind, WireApi } from "@switchyard/sdk";
import { BUILTIN_WIRE_APIS, createHttpTransport, createWebSocketTransport } from "@switchyard/transports";

/*
 * The one file of core that names implementations: the shipped transports, codecs and endpoint
 * probes, used when createHost() is not given its own. Everything else in core sees only the
 * sdk's interfaces.
 */

export { probeHttpEndpoint, probeWebSocketEndpoint } from "@switchyard/transports";

/** The shipped transports (pooled undici HTTP, ws WebSocket), filling in what `given` leaves out. */
export function defaultTransports(given: Partial<Record<TransportKind, Transport>> | undefined): Record<TransportKind, Transport> {
  return {
    http: given?.http ?? createHttpTransport(),
    websocket: given?.websocket ?? createWebSocketTransport(),
  };
}

/** The shipped codecs, with `given` replacing or adding codecs by api id. */
export function defaultWireApis(given: Readonly<Record<string, WireApi>> | undefined): Readonly<Record<string, WireApi>> {
  return { ...BUILTIN_WIRE_APIS, ...given };
}
