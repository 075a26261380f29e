import { createParser, type EventSourceParser } from "eventsource-parser";

/** A parsed Responses streaming event (a JSON object with a `type`). */
export type ServerFrame = Record<string, unknown>;

/** Thrown by `feed` when an SSE `data` field is not a JSON object. */
export class MalformedFrameError extends Error {
  constructor(cause: unknown) {
    super(`SSE data was not a JSON object: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "MalformedFrameError";
  }
}

export interface SseDecoder {
  /** Feeds bytes (split anywhere, even inside a UTF-8 sequence) and calls `onFrame` for each complete event. */
  feed(chunk: Uint8Array | string): void;
  /** Flushes a final event not followed by a blank line. */
  end(): void;
}

/** Parses one JSON frame; non-objects are malformed. */
export function parseFrame(data: string): ServerFrame {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    throw new MalformedFrameError(error);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new MalformedFrameError("not an object");
  return value as ServerFrame;
}

/**
 * SSE framing (eventsource-parser) plus JSON decoding of each event's data. The OpenAI
 * `[DONE]` sentinel and empty data are skipped. A malformed frame throws MalformedFrameError
 * out of `feed`/`end`.
 */
export function createSseDecoder(onFrame: (frame: ServerFrame) => void, maxBufferSize = 16 * 1024 * 1024): SseDecoder {
  const decoder = new TextDecoder("utf-8");
  let parser: EventSourceParser | undefined;
  let failure: unknown;
  parser = createParser({
    maxBufferSize,
    onEvent(event) {
      if (failure !== undefined) return;
      const data = event.data;
      if (data === "" || data === "[DONE]") return;
      try {
        onFrame(parseFrame(data));
      } catch (error) {
        // `failure` undefined means "no failure": code that throws undefined must still stop the stream.
        failure = error ?? new Error("the frame handler threw undefined");
      }
    },
    onError(error) {
      // Unknown fields are tolerated (the SSE spec ignores them); an overflowing buffer is not.
      if (error.type === "max-buffer-size-exceeded") failure ??= new MalformedFrameError(error);
    },
  });

  function check(): void {
    if (failure !== undefined) {
      const error = failure;
      throw error;
    }
  }

  return {
    feed(chunk) {
      check();
      parser?.feed(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
      check();
    },
    end() {
      check();
      // Be lenient where the SSE spec discards: a last event without its blank line still counts.
      parser?.feed(`${decoder.decode()}\n\n`);
      parser = undefined;
      check();
    },
  };
}
