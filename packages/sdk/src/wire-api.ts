import type { TransportKind } from "./apis.js";
import type { FunctionTool, InputItem, UnifiedEvent } from "./events.js";

/**
 * The conversation is kept as api-neutral items: user/system/developer messages, assistant
 * messages, function calls and their outputs, and reasoning (summary + opaque content). They are
 * written in the Responses item shape because it is the richest; each codec translates them.
 */
export type ConversationItem = InputItem;

/** The settings of one turn, as session options, provider hooks and the manifest shaped them. */
export interface TurnBody {
  model: string;
  instructions?: string;
  tools?: FunctionTool[];
  /** Responses only: whether the server keeps the response. Other codecs drop it. */
  store?: boolean;
  /** Extra create parameters (temperature, max_output_tokens, metadata, …), passed on by each codec where they mean something. */
  [field: string]: unknown;
}

/** What a codec encodes: the turn's body and its conversation. */
export interface WireTurn {
  transport: TransportKind;
  body: TurnBody;
  /** The whole conversation, including `newItems`. */
  items: readonly ConversationItem[];
  /** The items new since `previousResponseId`. */
  newItems: readonly ConversationItem[];
  /** Set when the transport continues server-side state (Responses WebSocket mode); the codec then sends only newItems. */
  previousResponseId?: string;
}

/** How a stream ended, as far as the server said. The transport turns failures into coded errors. */
export type Terminal =
  | { kind: "response-end"; status: "completed" | "incomplete" }
  | { kind: "response-failed"; code: string | undefined; message: string | undefined }
  | { kind: "server-error"; code: string | undefined; message: string | undefined; status: number | undefined };

/** Decodes one response's frames (parsed JSON objects) into unified events. */
export interface FrameDecoder {
  /**
   * Appends the unified events of one frame to `out` (none for frames without one). Must not
   * throw for unknown frames or fields; a throw is reported as a malformed frame.
   */
  decode(frame: Record<string, unknown>, out: UnifiedEvent[]): void;
  /** The body ended: appends what a stream without an explicit end event still owes (Chat Completions ends with `[DONE]`). */
  end?(out: UnifiedEvent[]): void;
  /** Set once the stream's terminal frame was decoded. */
  readonly terminal: Terminal | undefined;
  /** The response id, once known. */
  readonly responseId: string | undefined;
}

/** How an HTTP stream frames messages: server-sent events or one JSON object per line. */
export type HttpFraming = "sse" | "json-lines";

/**
 * A wire API: conversation + options → a request for a transport, and that transport's frames →
 * unified events. Codecs are pure and hold no connection state; the transports do the I/O.
 */
export interface WireApi {
  readonly id: string;
  /** The transports it speaks and how each frames messages (websocket: one JSON message per event). */
  readonly framing: { readonly http?: HttpFraming; readonly websocket?: "json-messages" };
  /** Whether a websocket turn may continue server-side state with previous_response_id. */
  readonly continues?: boolean;
  /** The JSON request of one turn: the HTTP body, or the websocket message. */
  encode(turn: WireTurn): Record<string, unknown>;
  /** A decoder for one response. `input` tells whether the request was a continuation. */
  createDecoder(options: { transport: TransportKind; input: "continuation" | "full" }): FrameDecoder;
}
