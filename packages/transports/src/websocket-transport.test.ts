import { createServer } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { AddressInfo } from "node:net";
import type { InputItem, UnifiedEvent } from "@switchyard/sdk";
import { describe, expect, it, vi } from "vitest";
import { WebSocketServer } from "ws";
import { createHttpTransport } from "./http-transport.js";
import { collect, comparable, eventually, turnFor, useEmulator, user, WEATHER_TOOL } from "./test-support/harness.js";
import { createWebSocketTransport } from "./websocket-transport.js";

const harness = useEmulator();

function responseIdOf(events: UnifiedEvent[]): string {
  const end = events.at(-1);
  if (end?.type !== "response-end") throw new Error("turn did not end");
  return end.responseId;
}

/** The assistant's output as input items, the way a session appends them. */
function outputItems(events: UnifiedEvent[]): InputItem[] {
  const items: InputItem[] = [];
  for (const event of events) {
    if (event.type === "text-end") {
      items.push({ type: "message", role: "assistant", content: [{ type: "output_text", text: event.text }] });
    }
    if (event.type === "tool-call-end") {
      items.push({ type: "function_call", call_id: event.callId, name: event.name, arguments: event.arguments });
    }
  }
  return items;
}

describe("WebSocket transport", () => {
  it("gives the same unified events as HTTP for a text turn and a tool-call turn", async () => {
    const ws = harness.track(createWebSocketTransport());
    const http = harness.track(createHttpTransport());
    for (const text of ["hello there", "get_weather in Oslo please"]) {
      const items = [user(text)];
      const overrides = { body: { model: "gpt-5.4", store: false, tools: [WEATHER_TOOL] }, input: { items, newItems: items } };
      const overWs = await collect(ws.stream(turnFor(harness.emulator, "websocket", overrides)));
      const overHttp = await collect(http.stream(turnFor(harness.emulator, "http", overrides)));
      expect(overWs.error).toBeUndefined();
      expect(overHttp.error).toBeUndefined();
      expect(overWs.events[0]).toMatchObject({ type: "response-start", transport: "websocket", input: "full" });
      expect(comparable(overWs.events)).toEqual(comparable(overHttp.events));
    }
    const tool = await collect(
      ws.stream(
        turnFor(harness.emulator, "websocket", {
          body: { model: "gpt-5.4", store: false, tools: [WEATHER_TOOL] },
          input: { items: [user("get_weather Oslo")], newItems: [user("get_weather Oslo")] },
        }),
      ),
    );
    expect(tool.events.map((event) => event.type)).toContain("tool-call-end");
  });

  it("continues turn 2 with previous_response_id and only the new items on the same connection", async () => {
    const ws = harness.track(createWebSocketTransport());
    harness.emulator.resetStats();
    const first = [user("get_weather in Oslo")];
    const body = { model: "gpt-5.4", store: false, tools: [WEATHER_TOOL] };
    const one = await collect(ws.stream(turnFor(harness.emulator, "websocket", { body, input: { items: first, newItems: first } })));
    expect(one.error).toBeUndefined();
    const call = one.events.find((event) => event.type === "tool-call-end");
    if (call?.type !== "tool-call-end") throw new Error("no tool call");
    const newItems: InputItem[] = [{ type: "function_call_output", call_id: call.callId, output: "sunny, 21°C" }];
    const items = [...first, ...outputItems(one.events), ...newItems];
    const previousResponseId = responseIdOf(one.events);
    const two = await collect(
      ws.stream(turnFor(harness.emulator, "websocket", { body, input: { items, newItems, previousResponseId } })),
    );
    expect(two.error).toBeUndefined();
    expect(two.events[0]).toMatchObject({ type: "response-start", input: "continuation" });
    const text = two.events.flatMap((event) => (event.type === "text-delta" ? [event.delta] : [])).join("");
    expect(text).toBe("The get_weather tool returned: sunny, 21°C");
    const log = harness.emulator.stats().requests;
    expect(log.map((entry) => [entry.previousResponseId, entry.inputItems])).toEqual([
      [false, 1],
      [true, 1],
    ]);
    expect(harness.emulator.stats().profiles.openai.websocket.upgradesAccepted).toBe(1);
    expect(ws.openConnections()).toBe(1);
  });

  it("replays the full items transparently once when the server answers previous_response_not_found", async () => {
    const ws = harness.track(createWebSocketTransport());
    const first = [user("hello there")];
    const one = await collect(ws.stream(turnFor(harness.emulator, "websocket", { input: { items: first, newItems: first } })));
    harness.emulator.resetStats();
    harness.emulator.setFaults([{ kind: "forget-continuation", times: 1 }]);
    const newItems = [user("and again")];
    const items = [...first, ...outputItems(one.events), ...newItems];
    const two = await collect(
      ws.stream(
        turnFor(harness.emulator, "websocket", { input: { items, newItems, previousResponseId: responseIdOf(one.events) } }),
      ),
    );
    expect(two.error).toBeUndefined();
    expect(two.events[0]).toMatchObject({ type: "response-start", input: "full" });
    expect(two.events.filter((event) => event.type === "response-start")).toHaveLength(1);
    expect(harness.emulator.stats().requests.map((entry) => [entry.previousResponseId, entry.inputItems])).toEqual([
      [true, 1],
      [false, 3],
    ]);
  });

  it("does not start a response on a connection past maxConnectionAgeMs: new connection, full items", async () => {
    const ws = harness.track(createWebSocketTransport());
    harness.emulator.resetStats();
    const limits = { maxConnectionAgeMs: 150 };
    const first = [user("hello there")];
    const one = await collect(ws.stream(turnFor(harness.emulator, "websocket", { limits, input: { items: first, newItems: first } })));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const newItems = [user("more")];
    const items = [...first, ...outputItems(one.events), ...newItems];
    const two = await collect(
      ws.stream(
        turnFor(harness.emulator, "websocket", {
          limits,
          input: { items, newItems, previousResponseId: responseIdOf(one.events) },
        }),
      ),
    );
    expect(two.error).toBeUndefined();
    expect(two.events[0]).toMatchObject({ input: "full" });
    const stats = harness.emulator.stats();
    expect(stats.profiles.openai.websocket.upgradesAccepted).toBe(2);
    expect(stats.requests.map((entry) => [entry.previousResponseId, entry.inputItems])).toEqual([
      [false, 1],
      [false, 3],
    ]);
    await eventually(() => ws.openConnections() === 1);
  });

  it("clears a connection's age timer when the connection closes, so a closed connection is not kept for its whole max age", async () => {
    // Not the emulator's own 60-minute server-side limit, so only the client's timer has this delay.
    const hour = 3_600_007;
    const set = vi.spyOn(globalThis, "setTimeout");
    const clear = vi.spyOn(globalThis, "clearTimeout");
    try {
      const ws = harness.track(createWebSocketTransport());
      const first = [user("hello there")];
      const one = await collect(ws.stream(turnFor(harness.emulator, "websocket", { limits: { maxConnectionAgeMs: hour }, input: { items: first, newItems: first } })));
      expect(one.error).toBeUndefined();
      const ageTimers = set.mock.calls.flatMap((call, index) => (call[1] === hour ? [set.mock.results[index]?.value] : []));
      expect(ageTimers).toHaveLength(1);
      await ws.close();
      await eventually(() => ws.openConnections() === 0);
      // Left armed, the timer's closure would hold the socket, its buffers and the turn for an hour.
      expect(clear.mock.calls.map((call) => call[0])).toContain(ageTimers[0]);
    } finally {
      set.mockRestore();
      clear.mockRestore();
    }
  });

  it("does not keep the turn that opened a pooled connection: its request can be collected while the connection stays open", async () => {
    // V8's gc(), exposed at run time: the test needs a full collection, not a hint.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const ws = harness.track(createWebSocketTransport());
    let body: WeakRef<object> | undefined;
    const turn = async () => {
      const metadata = { marker: "first turn" };
      body = new WeakRef(metadata);
      const first = [user("hello there")];
      const request = turnFor(harness.emulator, "websocket", { body: { model: "gpt-5.4", store: false, metadata }, limits: { maxConnectionAgeMs: 3_600_000 }, input: { items: first, newItems: first } });
      expect((await collect(ws.stream(request))).error).toBeUndefined();
    };
    await turn();
    for (let round = 0; round < 5 && body?.deref() !== undefined; round++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      gc();
    }
    expect(ws.openConnections()).toBe(1);
    expect(body?.deref()).toBeUndefined();
  });

  it("replays on a fresh connection when the server reports websocket_connection_limit_reached", async () => {
    const ws = harness.track(createWebSocketTransport());
    const first = [user("hello there")];
    const one = await collect(ws.stream(turnFor(harness.emulator, "websocket", { input: { items: first, newItems: first } })));
    harness.emulator.resetStats();
    harness.emulator.setFaults([{ kind: "error-event", code: "websocket_connection_limit_reached", afterEvents: 0, times: 1 }]);
    const newItems = [user("more")];
    const items = [...first, ...outputItems(one.events), ...newItems];
    const two = await collect(
      ws.stream(
        turnFor(harness.emulator, "websocket", { input: { items, newItems, previousResponseId: responseIdOf(one.events) } }),
      ),
    );
    expect(two.error).toBeUndefined();
    expect(two.events[0]).toMatchObject({ input: "full" });
    const stats = harness.emulator.stats();
    expect(stats.profiles.openai.websocket.upgradesAccepted).toBe(1);
    expect(stats.requests.map((entry) => [entry.previousResponseId, entry.inputItems])).toEqual([
      [true, 1],
      [false, 3],
    ]);
    await eventually(() => ws.openConnections() === 1);
  });

  it("opens another connection when every connection has maxInFlight responses running", async () => {
    const ws = harness.track(createWebSocketTransport());
    harness.emulator.resetStats();
    harness.emulator.setFaults([{ kind: "delay", betweenEventsMs: 5 }]);
    const results = await Promise.all([0, 1, 2].map(() => collect(ws.stream(turnFor(harness.emulator, "websocket")))));
    for (const result of results) expect(result.error).toBeUndefined();
    expect(harness.emulator.stats().profiles.openai.websocket.upgradesAccepted).toBe(3);
    const shared = harness.track(createWebSocketTransport());
    harness.emulator.resetStats();
    const lanes = await Promise.all(
      [0, 1].map(() => collect(shared.stream(turnFor(harness.emulator, "websocket", { limits: { maxInFlight: 2 } })))),
    );
    for (const result of lanes) expect(result.error).toBeUndefined();
    expect(harness.emulator.stats().profiles.openai.websocket.upgradesAccepted).toBe(1);
  });

  it("does not share connections across credentials", async () => {
    const ws = harness.track(createWebSocketTransport());
    harness.emulator.resetStats();
    await collect(ws.stream(turnFor(harness.emulator, "websocket")));
    await collect(ws.stream(turnFor(harness.emulator, "websocket", { headers: { authorization: "Bearer sk-other-key-123" } })));
    expect(harness.emulator.stats().profiles.openai.websocket.upgradesAccepted).toBe(2);
  });

  it("codes a rejected upgrade as UPGRADE_REJECTED in phase connect, fallback-worthy", async () => {
    const ws = harness.track(createWebSocketTransport());
    harness.emulator.setFaults([{ kind: "upgrade-status", status: 500, times: 1 }]);
    const { events, error } = await collect(ws.stream(turnFor(harness.emulator, "websocket")));
    expect(events).toEqual([]);
    expect(error?.code).toBe("SY_ERR_TRANSPORT_UPGRADE_REJECTED");
    expect(error?.details).toMatchObject({ phase: "connect", status: 500, fallbackWorthy: true, eventsReceived: 0 });
    expect(ws.openConnections()).toBe(0);
  });

  it("codes a refused connection as CONNECT_FAILED, fallback-worthy", async () => {
    const ws = harness.track(createWebSocketTransport());
    harness.emulator.setFaults([{ kind: "refuse", times: 1 }]);
    const { error } = await collect(ws.stream(turnFor(harness.emulator, "websocket")));
    expect(error?.code).toBe("SY_ERR_TRANSPORT_CONNECT_FAILED");
    expect(error?.details).toMatchObject({ phase: "connect", fallbackWorthy: true });
  });

  it("codes a cut before the first event as fallback-worthy and after it as not, with the close code", async () => {
    const ws = harness.track(createWebSocketTransport());
    harness.emulator.setFaults([{ kind: "cut", afterEvents: 0, closeCode: 1011, times: 1 }]);
    const before = await collect(ws.stream(turnFor(harness.emulator, "websocket")));
    expect(before.error?.code).toBe("SY_ERR_TRANSPORT_CLOSED_EARLY");
    expect(before.error?.details).toMatchObject({
      phase: "before-first-event",
      fallbackWorthy: true,
      eventsReceived: 0,
      closeCode: 1011,
    });
    harness.emulator.setFaults([{ kind: "cut", afterEvents: 4, closeCode: 1011, times: 1 }]);
    const after = await collect(ws.stream(turnFor(harness.emulator, "websocket")));
    expect(after.error?.code).toBe("SY_ERR_TRANSPORT_CLOSED_EARLY");
    expect(after.events.length).toBeGreaterThan(0);
    expect(after.error?.details).toMatchObject({
      phase: "after-first-event",
      fallbackWorthy: false,
      eventsReceived: after.events.length,
      closeCode: 1011,
    });
  });

  it("refuses a websocket URL outside the credential origins: no upgrade reaches the server", async () => {
    const ws = harness.track(createWebSocketTransport());
    harness.emulator.resetStats();
    const { error } = await collect(
      ws.stream(turnFor(harness.emulator, "websocket", { origins: ["https://api.openai.com"] })),
    );
    expect(error?.code).toBe("SY_ERR_TRANSPORT_ORIGIN_REFUSED");
    expect(harness.emulator.stats().profiles.openai.websocket.upgradesAttempted).toBe(0);
    expect(ws.openConnections()).toBe(0);
  });

  it("aborts mid-stream with ABORTED, drops that connection, and close() leaves no sockets", async () => {
    const ws = harness.track(createWebSocketTransport());
    harness.emulator.setFaults([{ kind: "delay", betweenEventsMs: 50 }]);
    const controller = new AbortController();
    let count = 0;
    let error: (Error & { code?: string; details?: Record<string, unknown> }) | undefined;
    try {
      for await (const _event of ws.stream(turnFor(harness.emulator, "websocket", { signal: controller.signal }))) {
        if (++count === 2) controller.abort();
      }
    } catch (caught) {
      error = caught as typeof error;
    }
    expect(error?.code).toBe("SY_ERR_TRANSPORT_ABORTED");
    expect(error?.details).toMatchObject({ phase: "after-first-event", eventsReceived: 2, fallbackWorthy: false });
    await eventually(() => ws.openConnections() === 0);
    await ws.close();
    await eventually(() => harness.emulator.stats().openConnections === 0);
  });

  it("closes the connection when the consumer stops reading mid-response", async () => {
    const ws = harness.track(createWebSocketTransport());
    for await (const event of ws.stream(turnFor(harness.emulator, "websocket"))) {
      if (event.type === "text-delta") break;
    }
    await eventually(() => ws.openConnections() === 0);
    const next = await collect(ws.stream(turnFor(harness.emulator, "websocket")));
    expect(next.error).toBeUndefined();
  });

  it("codes a connect timeout as TIMEOUT when the server never answers the upgrade", async () => {
    const ws = harness.track(createWebSocketTransport());
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const request = turnFor(harness.emulator, "websocket", {
        url: `ws://127.0.0.1:${port}/v1/responses`,
        origins: [`http://127.0.0.1:${port}`],
        timeouts: { connectMs: 100 },
      });
      const { error } = await collect(ws.stream(request));
      expect(error?.code).toBe("SY_ERR_TRANSPORT_TIMEOUT");
      expect(error?.details).toMatchObject({ timeout: "connect", phase: "connect", fallbackWorthy: true });
      await eventually(() => ws.openConnections() === 0);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it.each([
    ["first-event", { firstEventMs: 100 }],
    ["idle", { idleMs: 100 }],
  ] as const)("codes a %s timeout as TIMEOUT and closes cleanly", async (kind, timeouts) => {
    const ws = harness.track(createWebSocketTransport());
    if (kind === "first-event") harness.emulator.setFaults([{ kind: "delay", firstEventMs: 1000 }]);
    if (kind === "idle") harness.emulator.setFaults([{ kind: "delay", betweenEventsMs: 1000 }]);
    const { error } = await collect(ws.stream(turnFor(harness.emulator, "websocket", { timeouts })));
    expect(error?.code).toBe("SY_ERR_TRANSPORT_TIMEOUT");
    expect(error?.details).toMatchObject({ timeout: kind, fallbackWorthy: kind !== "idle" });
    await ws.close();
    expect(ws.openConnections()).toBe(0);
    await eventually(() => harness.emulator.stats().openConnections === 0);
  });

  it("close() closes idle pooled connections and refuses later turns", async () => {
    const ws = harness.track(createWebSocketTransport());
    await collect(ws.stream(turnFor(harness.emulator, "websocket")));
    expect(ws.openConnections()).toBe(1);
    await ws.close();
    expect(ws.openConnections()).toBe(0);
    await eventually(() => harness.emulator.stats().openConnections === 0);
    const { error } = await collect(ws.stream(turnFor(harness.emulator, "websocket")));
    expect(error?.code).toBe("SY_ERR_TRANSPORT_CLOSED");
  });

  it("does not reuse a connection after an error event inside a response: its trailing response.failed cannot reach the next turn", async () => {
    const ws = harness.track(createWebSocketTransport());
    harness.emulator.resetStats();
    const response = { id: "resp_err", object: "response", status: "in_progress", model: "gpt-5.4", output: [] };
    // Written a few bytes at a time, so the second turn would start while response.failed is still on its way.
    harness.emulator.script(
      [
        {
          frames: [
            { type: "response.created", response },
            { type: "error", error: { type: "insufficient_quota", code: "insufficient_quota", message: "quota" } },
            { type: "response.failed", response: { ...response, status: "failed", error: { code: "insufficient_quota", message: "quota" } } },
          ],
          websocketChunkBytes: 16,
        },
      ],
      { profile: "openai", transport: "websocket" },
    );
    const failed = await collect(ws.stream(turnFor(harness.emulator, "websocket")));
    expect(failed.error?.details).toMatchObject({ serverCode: "insufficient_quota" });
    const next = await collect(ws.stream(turnFor(harness.emulator, "websocket")));
    expect(next.error).toBeUndefined();
    expect(next.events.at(-1)).toMatchObject({ type: "response-end", status: "completed" });
    expect(harness.emulator.stats().profiles.openai.websocket.upgradesAccepted).toBe(2);
  });

  it("hands a free pooled connection to one turn at a time: concurrent turns over a warm pool all get their own answer", async () => {
    const ws = harness.track(createWebSocketTransport());
    harness.emulator.resetStats();
    const turn = (text: string) => {
      const items = [user(text)];
      // A turn whose lane another turn took would wait for frames that never come: fail fast instead.
      return collect(ws.stream(turnFor(harness.emulator, "websocket", { input: { items, newItems: items }, timeouts: { firstEventMs: 3000 } })));
    };
    await Promise.all(Array.from({ length: 4 }, (_, index) => turn(`warm ${index}`)));
    expect(ws.openConnections()).toBe(4);
    const results = await Promise.all(Array.from({ length: 16 }, (_, index) => turn(`turn ${index}`)));
    expect(results.map((result) => result.error?.code)).toEqual(Array(16).fill(undefined));
    const ids = results.map((result) => responseIdOf(result.events));
    expect(new Set(ids).size).toBe(16);
    expect(harness.emulator.stats().profiles.openai.websocket.upgradesAccepted).toBeLessThanOrEqual(16);
  });

  it("a connection retired at its connection limit takes no continuation and closes when its other lane ends", async () => {
    const log: string[] = [];
    let connections = 0;
    let responses = 0;
    const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    server.on("connection", (socket) => {
      const connection = ++connections;
      let creates = 0;
      socket.on("close", () => log.push(`conn${connection} closed`));
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as { stream_id?: string; previous_response_id?: string };
        creates++;
        log.push(`conn${connection} create prev=${message.previous_response_id ?? "-"}`);
        const send = (frame: Record<string, unknown>) => socket.send(JSON.stringify({ ...frame, stream_id: message.stream_id }));
        if (connection === 1 && creates === 1) {
          // Arrives while the second lane on this connection is still answering.
          setTimeout(() => send({ type: "error", status: 400, error: { type: "invalid_request_error", code: "websocket_connection_limit_reached", message: "limit" } }), 30);
          return;
        }
        const id = `resp_${++responses}`;
        setTimeout(() => {
          send({ type: "response.created", response: { id, model: "m" } });
          send({ type: "response.completed", response: { id, usage: {} } });
        }, connection === 1 ? 80 : 5);
      });
    });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const { port } = server.address() as AddressInfo;
    const ws = harness.track(createWebSocketTransport());
    const url = `ws://127.0.0.1:${port}/v1/responses`;
    const turn = (previousResponseId?: string) =>
      collect(
        ws.stream(
          turnFor(harness.emulator, "websocket", {
            url,
            origins: [`http://127.0.0.1:${port}`],
            limits: { maxInFlight: 2 },
            input: { items: [user("hi")], newItems: [user("hi")], ...(previousResponseId ? { previousResponseId } : {}) },
          }),
        ),
      );
    try {
      const first = turn();
      await new Promise((resolve) => setTimeout(resolve, 10));
      const [replayed, other] = await Promise.all([first, turn()]);
      expect([replayed.error, other.error]).toEqual([undefined, undefined]);
      // `other` completed on the retired connection: continuing from it must not go back there.
      const next = await turn(responseIdOf(other.events));
      expect(next.events[0]).toMatchObject({ type: "response-start", input: "full" });
      await eventually(() => log.includes("conn1 closed"));
      expect(log.filter((line) => line.startsWith("conn1 create"))).toHaveLength(2);
      expect(ws.openConnections()).toBe(1);
    } finally {
      await ws.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
