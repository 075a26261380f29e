import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSseDecoder, MalformedFrameError, type ServerFrame } from "./sse-decoder.js";

const FRAMES: ServerFrame[] = [
  { type: "response.created", response: { id: "resp_1", model: "m" } },
  { type: "response.output_text.delta", item_id: "msg_1", delta: "Hé’llo – ☃ 🚀", obfuscation: "" },
  { type: "response.output_text.delta", item_id: "msg_1", delta: "line\nbreak" },
  { type: "response.completed", response: { id: "resp_1" } },
];

function sse(frames: ServerFrame[], lineEnding = "\n"): Uint8Array {
  const text = frames
    .map((frame) => `event: ${String(frame.type)}${lineEnding}data: ${JSON.stringify(frame)}${lineEnding}${lineEnding}`)
    .join("");
  return new TextEncoder().encode(`: keep-alive comment${lineEnding}${lineEnding}${text}`);
}

function decode(bytes: Uint8Array, cuts: number[]): ServerFrame[] {
  const frames: ServerFrame[] = [];
  const decoder = createSseDecoder((frame) => frames.push(frame));
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    decoder.feed(bytes.subarray(start, cut));
    start = cut;
  }
  decoder.feed(bytes.subarray(start));
  decoder.end();
  return frames;
}

describe("createSseDecoder", () => {
  it("decodes the same frames however the bytes are split, even inside UTF-8 sequences (property)", () => {
    for (const lineEnding of ["\n", "\r\n"]) {
      const bytes = sse(FRAMES, lineEnding);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
          expect(decode(bytes, cuts)).toEqual(FRAMES);
        }),
        { numRuns: 300 },
      );
    }
  });

  it("decodes byte by byte", () => {
    const bytes = sse(FRAMES);
    expect(decode(bytes, Array.from({ length: bytes.length }, (_, index) => index))).toEqual(FRAMES);
  });

  it("flushes a last event that has no blank line after it", () => {
    const frames: ServerFrame[] = [];
    const decoder = createSseDecoder((frame) => frames.push(frame));
    decoder.feed('data: {"type":"a"}\n');
    decoder.end();
    expect(frames).toEqual([{ type: "a" }]);
  });

  it("skips [DONE] and empty data, and throws MalformedFrameError for data that is not a JSON object", () => {
    const frames: ServerFrame[] = [];
    const decoder = createSseDecoder((frame) => frames.push(frame));
    decoder.feed("data: [DONE]\n\ndata:\n\n");
    expect(() => decoder.feed("data: {not json\n\n")).toThrow(MalformedFrameError);
    expect(() => createSseDecoder(() => undefined).feed("data: 42\n\n")).toThrow(MalformedFrameError);
    expect(frames).toEqual([]);
  });
});
