/**
 * What went over the wire, for tests to assert on. Never holds header values or secrets: only
 * whether credentials were present.
 */
import { profileNames, type ProfileName, type TransportName } from "./profiles.js";

/** Counters for one (profile, transport). Upgrade counters stay 0 for http. */
export interface TransportStats {
  /** WebSocket upgrade requests that reached a profile path. */
  upgradesAttempted: number;
  /** WebSocket upgrades completed (101 sent). */
  upgradesAccepted: number;
  /** HTTP POST /responses requests, or websocket `response.create` messages. */
  requests: number;
  /** Payload bytes received: HTTP request bodies, websocket message payloads. */
  bytesReceived: number;
  /** HTTP: requests with `Authorization: Bearer …`; websocket: upgrades with it. */
  credentialsSeen: number;
}

/** One logged create request (HTTP POST or websocket response.create). */
export interface RequestLogEntry {
  profile: ProfileName;
  transport: TransportName;
  /** Request path without query, e.g. "/v1/responses". */
  path: string;
  model: string | null;
  previousResponseId: boolean;
  /** 1 for a string input, the array length for an item list, 0 when absent. */
  inputItems: number;
  /** Whether `Authorization: Bearer <token>` was present (never the token). */
  credentials: boolean;
  /** The request's `store` field as sent; null when absent. */
  store: boolean | null;
  /** Milliseconds since the epoch when the request arrived. */
  at: number;
}

export interface EmulatorStats {
  profiles: Record<ProfileName, Record<TransportName, TransportStats>>;
  /** TCP sockets open on the server right now (HTTP keep-alive and websockets included). */
  openConnections: number;
  requests: RequestLogEntry[];
}

function emptyTransport(): TransportStats {
  return { upgradesAttempted: 0, upgradesAccepted: 0, requests: 0, bytesReceived: 0, credentialsSeen: 0 };
}

function emptyProfiles(): EmulatorStats["profiles"] {
  const result = {} as EmulatorStats["profiles"];
  for (const name of profileNames) result[name] = { http: emptyTransport(), websocket: emptyTransport() };
  return result;
}

export class StatsRecorder {
  #profiles = emptyProfiles();
  #requests: RequestLogEntry[] = [];
  openConnections = 0;

  counters(profile: ProfileName, transport: TransportName): TransportStats {
    return this.#profiles[profile][transport];
  }

  logRequest(entry: RequestLogEntry): void {
    const counters = this.counters(entry.profile, entry.transport);
    counters.requests += 1;
    // A websocket's credentials are counted once, at its upgrade; HTTP requests each carry their own.
    if (entry.credentials && entry.transport === "http") counters.credentialsSeen += 1;
    this.#requests.push(entry);
  }

  /** A deep copy, so a caller can keep it while traffic goes on. */
  snapshot(): EmulatorStats {
    return structuredClone({ profiles: this.#profiles, openConnections: this.openConnections, requests: this.#requests });
  }

  /** Clears counters and the log; openConnections is a live gauge and stays. */
  reset(): void {
    this.#profiles = emptyProfiles();
    this.#requests = [];
  }
}

/** Builds the log entry from a parsed create body (or null when the body was not JSON). */
export function describeRequest(
  profile: ProfileName,
  transport: TransportName,
  path: string,
  body: Record<string, unknown> | null,
  credentials: boolean,
): RequestLogEntry {
  const input = body?.["input"];
  const store = body?.["store"];
  return {
    profile,
    transport,
    path,
    model: typeof body?.["model"] === "string" ? body["model"] : null,
    previousResponseId: typeof body?.["previous_response_id"] === "string",
    inputItems: typeof input === "string" ? 1 : Array.isArray(input) ? input.length : 0,
    credentials,
    store: typeof store === "boolean" ? store : null,
    at: Date.now(),
  };
}
