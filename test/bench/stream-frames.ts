/** The frames every streaming benchmark sends (one long Responses text answer), and their SSE body. */
import { Buffer } from "node:buffer";

export const DELTA_TEXT = ["lore", "m ip", "sum ", "dolo", "r si", "t am", "et, "];

/**
 * A complete 20,000-delta (or any size) Responses text stream, pre-serialized: the emulator's
 * scripted mode sends strings as they are, so serving it costs one join and one write (HTTP) or
 * one send per frame (websocket) — no JSON work on the server while the client is measured.
 */
export function renderStream(deltas: number, responseId: string): string[] {
  const itemId = "msg_bench";
  const response = (status: string, output: unknown[], usage: unknown) => ({
    id: responseId,
    object: "response",
    created_at: 0,
    status,
    model: "gpt-5.4",
    output,
    usage,
  });
  const text = Array.from({ length: deltas }, (_, index) => DELTA_TEXT[index % DELTA_TEXT.length]).join("");
  const item = { id: itemId, type: "message", status: "completed", role: "assistant", content: [{ type: "output_text", text, annotations: [] }] };
  let sequence = 0;
  const frames: string[] = [
    JSON.stringify({ type: "response.created", sequence_number: sequence++, response: response("in_progress", [], null) }),
    JSON.stringify({
      type: "response.output_item.added",
      sequence_number: sequence++,
      output_index: 0,
      item: { id: itemId, type: "message", status: "in_progress", role: "assistant", content: [] },
    }),
    // The real API opens the text part before its deltas; pi-ai drops deltas that arrive without it.
    JSON.stringify({
      type: "response.content_part.added",
      sequence_number: sequence++,
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { type: "output_text", text: "", annotations: [] },
    }),
  ];
  for (let index = 0; index < deltas; index++) {
    frames.push(
      JSON.stringify({
        type: "response.output_text.delta",
        sequence_number: sequence++,
        item_id: itemId,
        output_index: 0,
        content_index: 0,
        delta: DELTA_TEXT[index % DELTA_TEXT.length],
      }),
    );
  }
  frames.push(JSON.stringify({ type: "response.output_text.done", sequence_number: sequence++, item_id: itemId, output_index: 0, content_index: 0, text }));
  frames.push(
    JSON.stringify({
      type: "response.content_part.done",
      sequence_number: sequence++,
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { type: "output_text", text, annotations: [] },
    }),
  );
  frames.push(JSON.stringify({ type: "response.output_item.done", sequence_number: sequence++, output_index: 0, item }));
  const usage = { input_tokens: 10, output_tokens: deltas, total_tokens: deltas + 10 };
  frames.push(JSON.stringify({ type: "response.completed", sequence_number: sequence++, response: response("completed", [item], usage) }));
  return frames;
}

/** The frames as the SSE body a Responses server sends: an `event:` line with the type, then the data. */
export function renderSse(frames: readonly string[]): Buffer<ArrayBuffer> {
  return Buffer.from(frames.map((frame) => `event: ${(JSON.parse(frame) as { type: string }).type}\ndata: ${frame}\n\n`).join(""), "utf8");
}
