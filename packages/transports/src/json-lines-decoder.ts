import { MalformedFrameError, parseFrame, type ServerFrame, type SseDecoder } from "./sse-decoder.js";

/**
 * JSON Lines framing (one JSON object per `\n`-terminated line; blank lines and `\r` ignored),
 * with the same contract as the SSE decoder: bytes may split anywhere, a malformed line throws
 * MalformedFrameError out of `feed`/`end`.
 */
export function createJsonLinesDecoder(onFrame: (frame: ServerFrame) => void, maxLineBytes = 16 * 1024 * 1024): SseDecoder {
  const decoder = new TextDecoder("utf-8");
  let pending = "";

  function emit(line: string): void {
    const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (trimmed.trim() !== "") onFrame(parseFrame(trimmed));
  }

  function take(textChunk: string): void {
    pending += textChunk;
    let newline = pending.indexOf("\n");
    while (newline !== -1) {
      emit(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
    }
    if (pending.length > maxLineBytes) throw new MalformedFrameError(`a line is longer than ${maxLineBytes} bytes`);
  }

  return {
    feed(chunk) {
      take(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      take(decoder.decode());
      const rest = pending;
      pending = "";
      emit(rest);
    },
  };
}
