import { loadRecordedStream, recordedStreamNames, startEmulator, type Emulator } from "@switchyard/emulator";
import type { Transport, UnifiedEvent } from "@switchyard/sdk";
import { createHttpTransport } from "@switchyard/transports";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHost, type Host } from "./host.js";
import type { ModelSession } from "./route-session.js";
import { SHIPPED_EXTENSIONS } from "./test-support/paths.js";

const env = { OPENAI_API_KEY: "sk-openai-test", XAI_API_KEY: "xai-test" };

interface Turn {
  events: UnifiedEvent[];
  batches: number[];
  code: string | undefined;
}

async function viaSend(session: ModelSession, input: string): Promise<Turn> {
  const turn: Turn = { events: [], batches: [], code: undefined };
  try {
    for await (const event of session.send(input)) turn.events.push(event);
  } catch (error) {
    turn.code = (error as { code?: string }).code;
  }
  return turn;
}

async function viaBatches(session: ModelSession, input: string): Promise<Turn> {
  const turn: Turn = { events: [], batches: [], code: undefined };
  try {
    for await (const batch of session.sendBatches(input)) {
      turn.batches.push(batch.length);
      turn.events.push(...batch);
    }
  } catch (error) {
    turn.code = (error as { code?: string }).code;
  }
  return turn;
}

describe("session.send() and session.sendBatches()", () => {
  let emu: Emulator;
  let host: Host | undefined;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, host: "127.0.0.1" });
  });
  afterEach(async () => {
    emu.setFaults([]);
    await host?.close();
    host = undefined;
  });
  afterAll(async () => {
    await emu.close();
  });

  const open = (transport: "http" | "websocket", transports?: { http?: Transport }) =>
    createHost({ extensions: [SHIPPED_EXTENSIONS], env, config: { providers: { openai: { ...emu.endpoints.openai, transport } } }, transports });

  const cases = recordedStreamNames().flatMap((name) => (["http", "websocket"] as const).flatMap((kind) => [1, 64, undefined].map((chunk) => [name, kind, chunk ?? "server's own"] as const)));

  it.each(cases)("%s over %s in %s-byte writes: the same events, error and conversation either way", async (name, kind, chunk) => {
    host = await open(kind);
    const frames = loadRecordedStream(name).events;
    const field = kind === "http" ? "httpChunkBytes" : "websocketChunkBytes";
    const results: Array<{ turn: Turn; items: unknown }> = [];
    for (const run of [viaSend, viaBatches]) {
      emu.script([{ frames, ...(typeof chunk === "number" ? { [field]: chunk } : {}) }], { profile: "openai", transport: kind });
      const session = host.session("openai/gpt-5.4");
      const turn = await run(session, "replay the recording");
      results.push({ turn, items: session.items() });
    }
    const [perEvent, batched] = results as [(typeof results)[0], (typeof results)[0]];
    expect(perEvent.turn.events.length).toBeGreaterThan(0);
    expect(batched.turn.events).toEqual(perEvent.turn.events);
    expect(batched.turn.code).toBe(perEvent.turn.code);
    expect(batched.items).toEqual(perEvent.items);
    expect(batched.turn.batches.every((size) => size > 0)).toBe(true);
  });

  it("a websocket refused with 500 gives the transport-fallback notice as a batch of its own, then the HTTP answer", async () => {
    host = await open("websocket");
    emu.setFaults([{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket" }]);
    const session = host.session("openai/gpt-5.4", { transport: "auto" });
    const batches: UnifiedEvent[][] = [];
    for await (const batch of session.sendBatches("hello")) batches.push([...batch]);
    expect(batches[0]).toEqual([expect.objectContaining({ type: "transport-fallback", from: "websocket", to: "http" })]);
    expect(batches.flat().at(-1)).toMatchObject({ type: "response-end", status: "completed" });
    expect(batches.flat().find((event) => event.type === "response-start")).toMatchObject({ transport: "http" });
  });

  it("breaking out of send() after the first delta frees the session and leaves the conversation as it was", async () => {
    host = await open("websocket");
    const session = host.session("openai/gpt-5.4");
    emu.setFaults([{ kind: "delay", betweenEventsMs: 20 }]);
    for await (const event of session.send("tell me a long story")) {
      if (event.type === "text-delta") break;
    }
    expect(session.items()).toEqual([]);
    emu.setFaults([]);
    const next = await viaSend(session, "hello again");
    expect(next.code).toBeUndefined();
    expect(next.events.at(-1)).toMatchObject({ type: "response-end", status: "completed" });
    expect(session.items().length).toBeGreaterThanOrEqual(2);
  });

  it("takes a transport that implements only stream() one event per batch", async () => {
    const inner = createHttpTransport();
    const streamOnly: Transport = { kind: "http", stream: (request) => inner.stream(request), close: () => inner.close() };
    host = await open("http", { http: streamOnly });
    const batched = await viaBatches(host.session("openai/gpt-5.4"), "hello");
    expect(batched.code).toBeUndefined();
    expect(batched.batches.every((size) => size === 1)).toBe(true);
    expect(batched.events.at(-1)).toMatchObject({ type: "response-end", status: "completed" });
  });

  it("hands an event tap each event with the conversation as of that event, even when the whole response is one batch", async () => {
    const oneBatch: UnifiedEvent[] = [
      { type: "response-start", responseId: "resp_tap", model: "gpt-5.4", transport: "http", input: "full" },
      { type: "text-delta", itemId: "msg_tap", delta: "hi" },
      { type: "text-end", itemId: "msg_tap", text: "hi" },
      { type: "response-end", responseId: "resp_tap", status: "completed", usage: undefined },
    ];
    const single: Transport = {
      kind: "http",
      async *streamBatches() {
        yield oneBatch.map((event) => ({ ...event }));
      },
      stream() {
        throw new Error("not used: the host takes streamBatches()");
      },
      async close() {},
    };
    host = await open("http", { http: single });
    const session = host.session("openai/gpt-5.4");
    const seen: string[] = [];
    host.hooks.event.tap("test", (event) => seen.push(`${event.type}:${session.items().length}`));
    const turn = await viaBatches(session, "hello");
    expect(turn.code).toBeUndefined();
    // The user message and the assistant message are committed at response-end, not before.
    expect(seen).toEqual(["response-start:0", "text-delta:0", "text-end:0", "response-end:2"]);
  });
});
