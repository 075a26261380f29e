import { describe, expect, it } from "vitest";
import { createJsonLinesDecoder } from "./json-lines-decoder.js";
import { MalformedFrameError, type ServerFrame } from "./sse-decoder.js";

describe("JSON Lines decoder", () => {
  it("yields one frame per line however the bytes split, even inside a UTF-8 sequence, skipping blank lines and \\r", () => {
    const frames: ServerFrame[] = [];
    const decoder = createJsonLinesDecoder((frame) => frames.push(frame));
    const bytes = Buffer.from('{"kind":"text","text":"héllo"}\r\n\n{"kind":"end"}', "utf8");
    for (let index = 0; index < bytes.length; index += 3) decoder.feed(bytes.subarray(index, index + 3));
    expect(frames).toEqual([{ kind: "text", text: "héllo" }]);
    decoder.end();
    expect(frames).toEqual([{ kind: "text", text: "héllo" }, { kind: "end" }]);
  });

  it("throws MalformedFrameError for a line that is not a JSON object", () => {
    const decoder = createJsonLinesDecoder(() => undefined);
    expect(() => decoder.feed("[1,2]\n")).toThrow(MalformedFrameError);
  });
});
