import { loadRecordedStream, recordedStreamNames } from "@switchyard/emulator";
import type { Transport, UnifiedEvent, WireApi } from "@switchyard/sdk";
import { describe, expect, it } from "vitest";
import { BUILTIN_WIRE_APIS } from "./apis/index.js";
import { createHttpTransport } from "./http-transport.js";
import { collect, turnFor, useEmulator, type Collected } from "./test-support/harness.js";
import { createWebSocketTransport } from "./websocket-transport.js";

const harness = useEmulator();
const responses = BUILTIN_WIRE_APIS["openai-responses"] as WireApi;

/** Bytes per server write: byte by byte, splits inside frames, several frames per write, and the server's own writes. */
const CHUNKINGS = [1, 7, 64, 1024, undefined] as const;
const TRANSPORTS = ["http", "websocket"] as const;
const TERMINAL_CODES = { "response-failed": "SY_ERR_TRANSPORT_RESPONSE_FAILED", "server-error": "SY_ERR_TRANSPORT_SERVER_ERROR" } as const;

/** What the codec makes of the frames with no transport in between: the events up to the terminal one. */
function decodedDirectly(frames: Array<Record<string, unknown>>, transport: "http" | "websocket"): { events: UnifiedEvent[]; code: string | undefined } {
  const decoder = responses.createDecoder({ transport, input: "full" });
  const events: UnifiedEvent[] = [];
  for (const frame of frames) {
    decoder.decode(frame, events);
    if (decoder.terminal) break;
  }
  const kind = decoder.terminal?.kind;
  return { events, code: kind === "response-failed" || kind === "server-error" ? TERMINAL_CODES[kind] : undefined };
}

/** Runs a turn through `streamBatches`, keeping every batch as it came. */
async function collectBatches(transport: Transport, kind: "http" | "websocket"): Promise<Collected & { batches: number[] }> {
  const batches: number[] = [];
  const stream = transport.streamBatches?.(turnFor(harness.emulator, kind));
  if (!stream) throw new Error("the transport has no streamBatches");
  const flat: AsyncIterable<UnifiedEvent> = {
    async *[Symbol.asyncIterator]() {
      for await (const batch of stream) {
        batches.push(batch.length);
        yield* batch;
      }
    },
  };
  return { ...(await collect(flat)), batches };
}

describe("the batched and per-event paths of both transports", () => {
  const cases = recordedStreamNames().flatMap((name) => TRANSPORTS.flatMap((kind) => CHUNKINGS.map((chunk) => [name, kind, chunk ?? "server's own"] as const)));

  it.each(cases)("%s over %s in %s-byte writes: the same events as decoding the frames directly", async (name, kind, chunk) => {
    const frames = loadRecordedStream(name).events;
    const transport = harness.track(kind === "http" ? createHttpTransport() : createWebSocketTransport());
    const script = () =>
      harness.emulator.script([{ frames, ...(typeof chunk === "number" ? { [kind === "http" ? "httpChunkBytes" : "websocketChunkBytes"]: chunk } : {}) }], {
        profile: "openai",
        transport: kind,
      });

    script();
    const perEvent = await collect(transport.stream(turnFor(harness.emulator, kind)));
    script();
    const batched = await collectBatches(transport, kind);

    const expected = decodedDirectly(frames, kind);
    expect(perEvent.events).toEqual(expected.events);
    expect(batched.events).toEqual(expected.events);
    expect(perEvent.error?.code).toBe(expected.code);
    expect(batched.error?.code).toBe(expected.code);
    expect(batched.error?.details).toEqual(perEvent.error?.details);
    // Batches are never empty, and byte-by-byte delivery cannot put the whole stream in one.
    expect(batched.batches.every((size) => size > 0)).toBe(true);
    if (chunk === 1 && expected.events.length > 1) expect(batched.batches.length).toBeGreaterThan(1);
  });
});
