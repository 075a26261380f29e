import type { InputItem, ResponsesRequestBody, UnifiedEvent } from "@switchyard/sdk";

/** One turn to run over a transport: where, with which headers, and what conversation. */
export interface TurnRequest {
  /** Provider id, used in messages only. */
  provider: string;
  /** http: the POST URL (baseUrl + path); websocket: the ws(s):// URL. */
  url: string;
  /** Credential scope: when credentials are present and `url` is outside, the turn is refused and nothing is sent. */
  origins: readonly string[];
  /** Literal and credential headers. */
  headers: Record<string, string>;
  /** Lowercased names of headers whose values are secrets (never in errors or logs). */
  secretHeaders: readonly string[];
  /** The create body without input / previous_response_id / stream. */
  body: ResponsesRequestBody;
  /** The full conversation, the items new since `previousResponseId`, and that id when there is one. */
  input: { items: InputItem[]; newItems: InputItem[]; previousResponseId?: string };
  /** Websocket limits from the manifest. */
  limits?: { maxConnectionAgeMs?: number; maxInFlight?: number };
  timeouts?: { connectMs?: number; firstEventMs?: number; idleMs?: number };
  signal?: AbortSignal;
}

/** A transport runs turns and yields unified events; failures are thrown from the iterator as TransportError. */
export interface Transport {
  readonly kind: "http" | "websocket";
  /** Throws (from the iterator) TransportError with a SY_ERR_TRANSPORT_* code. */
  stream(request: TurnRequest): AsyncIterable<UnifiedEvent>;
  /** Closes every pooled connection or socket; running turns end with SY_ERR_TRANSPORT_CLOSED or ABORTED. */
  close(): Promise<void>;
}
