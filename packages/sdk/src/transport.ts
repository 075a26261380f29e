import type { TransportKind } from "./apis.js";
import type { UnifiedEvent } from "./events.js";
import type { ConversationItem, TurnBody, WireApi } from "./wire-api.js";

/** One turn to run over a transport: where, with which headers, which wire API, and what conversation. */
export interface TurnRequest {
  /** Provider id, used in messages only. */
  provider: string;
  /** http: the POST URL (baseUrl + path); websocket: the ws(s):// URL. */
  url: string;
  /** Credential scope: when credentials are present and `url` is outside, the turn is refused and nothing is sent. */
  origins: readonly string[];
  /**
   * Literal and credential headers. Read-only: the host hands every turn of one credential the
   * same frozen object (built once); a transport that adds a header sends a copy.
   */
  headers: Readonly<Record<string, string>>;
  /** Lowercased names of headers whose values are secrets (never in errors or logs). */
  secretHeaders: readonly string[];
  /** The codec that encodes this turn and decodes its frames. */
  api: WireApi;
  /** The turn's settings (model, instructions, tools, extra parameters). */
  body: TurnBody;
  /** The full conversation, the items new since `previousResponseId`, and that id when there is one. */
  input: { items: ConversationItem[]; newItems: ConversationItem[]; previousResponseId?: string };
  /** Websocket limits from the manifest. */
  limits?: { maxConnectionAgeMs?: number; maxInFlight?: number };
  timeouts?: { connectMs?: number; firstEventMs?: number; idleMs?: number };
  signal?: AbortSignal;
}

/**
 * A transport runs turns and yields unified events; failures are thrown from the iterator as
 * coded errors (SY_ERR_TRANSPORT_*). It carries frames; the request's `api` gives them meaning.
 *
 * `streamBatches` is the fast path: one array per network read (every event that read decoded
 * to), never empty, never reused after it is handed out. `stream` yields the same events one at a
 * time (`eventsOf(streamBatches(request))`). A transport may implement only `stream`; the host
 * then takes each event as a batch of one. The host calls `streamBatches` when it is there, so a
 * wrapper that changes `stream` must change (or leave out) `streamBatches` too.
 */
export interface Transport {
  readonly kind: TransportKind;
  stream(request: TurnRequest): AsyncIterable<UnifiedEvent>;
  streamBatches?(request: TurnRequest): AsyncIterable<readonly UnifiedEvent[]>;
  /** Closes every pooled connection or socket; running turns end with SY_ERR_TRANSPORT_CLOSED or ABORTED. */
  close(): Promise<void>;
}
