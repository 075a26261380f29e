import type { FrameDecoder, WireApi, WireTurn } from "@switchyard/sdk";
import { createEventMapper, type EventMapper } from "../event-mapper.js";

/**
 * The create body of one Responses turn. HTTP sends the full conversation, streamed (store false
 * needs no server state); WebSocket mode sends `response.create`, continuing with
 * previous_response_id plus only the new items when the transport says the connection holds it.
 */
function encode(turn: WireTurn): Record<string, unknown> {
  const body = withoutTurnFields(turn.body);
  if (turn.transport === "http") return { ...body, input: turn.items, stream: true };
  const message: Record<string, unknown> = { type: "response.create", ...body };
  if (turn.previousResponseId !== undefined) {
    message.previous_response_id = turn.previousResponseId;
    message.input = turn.newItems;
  } else {
    message.input = turn.items;
  }
  return message;
}

/** The body without the fields each turn sets itself; the body as it is when it has none (the usual case: a rest copy costs microseconds a turn). */
function withoutTurnFields(source: WireTurn["body"]): WireTurn["body"] {
  if (!("input" in source || "previous_response_id" in source || "stream" in source || "background" in source)) return source;
  const { input: _input, previous_response_id: _previous, stream: _stream, background: _background, ...body } = source;
  return body;
}

function createDecoder(options: Parameters<WireApi["createDecoder"]>[0]): FrameDecoder {
  // The mapper is the decoder: no wrapper between a frame and its event on the hot path.
  return createEventMapper(options) as EventMapper & FrameDecoder;
}

/** A Responses API dialect: SSE over HTTP, JSON messages over WebSocket mode. The dialects differ only in manifest rules and hooks. */
export function responsesApi(id: string): WireApi {
  return Object.freeze({ id, framing: { http: "sse", websocket: "json-messages" } as const, continues: true, encode, createDecoder });
}
