import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createHttpTransport } from "./http-transport.js";
import { collect, eventually, SENTINEL_KEY, turnFor, useEmulator, user, WEATHER_TOOL } from "./test-support/harness.js";

const harness = useEmulator();

describe("HTTP transport", () => {
  it("streams a text turn from the emulator's model as unified events, sending the full items", async () => {
    const transport = harness.track(createHttpTransport());
    const { events, error } = await collect(transport.stream(turnFor(harness.emulator, "http")));
    expect(error).toBeUndefined();
    expect(events[0]).toMatchObject({ type: "response-start", transport: "http", input: "full", model: "gpt-5.4" });
    const text = events.flatMap((event) => (event.type === "text-delta" ? [event.delta] : [])).join("");
    expect(text).toBe("You said: hello there");
    expect(events.filter((event) => event.type === "text-delta").length).toBeGreaterThan(1);
    expect(events.at(-2)).toMatchObject({ type: "text-end", text: "You said: hello there" });
    expect(events.at(-1)).toMatchObject({ type: "response-end", status: "completed" });
    const end = events.at(-1);
    if (end?.type !== "response-end") throw new Error("no end");
    expect(end.usage?.totalTokens).toBe((end.usage?.inputTokens ?? 0) + (end.usage?.outputTokens ?? 0));
    const log = harness.emulator.stats().requests.at(-1);
    expect(log).toMatchObject({ transport: "http", previousResponseId: false, inputItems: 1, credentials: true, store: false });
  });

  it("streams a tool call with argument deltas and the final arguments", async () => {
    const transport = harness.track(createHttpTransport());
    const items = [user("get_weather for Oslo")];
    const request = turnFor(harness.emulator, "http", {
      body: { model: "gpt-5.4", store: false, tools: [WEATHER_TOOL] },
      input: { items, newItems: items },
    });
    const { events, error } = await collect(transport.stream(request));
    expect(error).toBeUndefined();
    const start = events.find((event) => event.type === "tool-call-start");
    const end = events.find((event) => event.type === "tool-call-end");
    expect(start).toMatchObject({ name: "get_weather" });
    expect(end).toMatchObject({ name: "get_weather" });
    if (end?.type !== "tool-call-end") throw new Error("no tool-call-end");
    const deltas = events.flatMap((event) => (event.type === "tool-call-delta" ? [event.delta] : [])).join("");
    expect(deltas).toBe(end.arguments);
    expect(JSON.parse(end.arguments)).toHaveProperty("city");
  });

  it("reuses one keep-alive connection for consecutive turns", async () => {
    const transport = harness.track(createHttpTransport());
    const before = harness.emulator.stats().openConnections;
    for (let index = 0; index < 3; index++) {
      const { error } = await collect(transport.stream(turnFor(harness.emulator, "http")));
      expect(error).toBeUndefined();
    }
    expect(harness.emulator.stats().openConnections - before).toBe(1);
  });

  it("turns HTTP 429 into a coded error with the server's code and retry-after, and keeps the pool usable", async () => {
    const transport = harness.track(createHttpTransport());
    harness.emulator.setFaults([{ kind: "http-status", status: 429, retryAfter: 7, times: 1, transport: "http" }]);
    const { events, error } = await collect(transport.stream(turnFor(harness.emulator, "http")));
    expect(events).toEqual([]);
    expect(error?.code).toBe("SY_ERR_TRANSPORT_HTTP_STATUS");
    expect(error?.details).toMatchObject({
      transport: "http",
      phase: "connect",
      status: 429,
      serverCode: "rate_limit_exceeded",
      retryAfterMs: 7000,
      eventsReceived: 0,
      fallbackWorthy: false,
    });
    expect(error?.message).toContain("127.0.0.1");
    const again = await collect(transport.stream(turnFor(harness.emulator, "http")));
    expect(again.error).toBeUndefined();
  });

  it("carries the codex backend's { detail } refusal into the error message", async () => {
    const transport = harness.track(createHttpTransport());
    const endpoint = harness.emulator.endpoints["openai-codex"];
    // store: true breaks the codex dialect; the backend answers 400 {"detail":"Store must be set to false"}.
    const request = turnFor(harness.emulator, "http", { provider: "openai-codex", url: `${endpoint.baseUrl}/responses`, body: { model: "gpt-5.4", store: true, instructions: "x" } });
    const { error } = await collect(transport.stream(request));
    expect(error?.code).toBe("SY_ERR_TRANSPORT_HTTP_STATUS");
    expect(error?.details).toMatchObject({ status: 400 });
    expect(error?.message).toContain("Store must be set to false");
  });

  it("reports a connection refused as CONNECT_FAILED", async () => {
    const transport = harness.track(createHttpTransport());
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/v1/responses`;
    const { error } = await collect(
      transport.stream(turnFor(harness.emulator, "http", { url, origins: [`http://127.0.0.1:${port}`] })),
    );
    expect(error?.code).toBe("SY_ERR_TRANSPORT_CONNECT_FAILED");
    expect(error?.details).toMatchObject({ phase: "connect" });
  });

  it("refuses a URL outside the credential origins before anything is sent", async () => {
    const transport = harness.track(createHttpTransport());
    harness.emulator.resetStats();
    const request = turnFor(harness.emulator, "http", { origins: ["https://api.openai.com"] });
    const { error } = await collect(transport.stream(request));
    expect(error?.code).toBe("SY_ERR_TRANSPORT_ORIGIN_REFUSED");
    expect(harness.emulator.stats().requests).toEqual([]);
    expect(harness.emulator.stats().profiles.openai.http.requests).toBe(0);
  });

  it("never follows a redirect with credentials", async () => {
    const transport = harness.track(createHttpTransport());
    harness.emulator.resetStats();
    const target = `${harness.emulator.endpoints.openai.baseUrl}/responses`;
    const redirector = createServer((request, response) => {
      request.resume();
      response.writeHead(307, { location: target });
      response.end("moved");
    });
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    try {
      const port = (redirector.address() as AddressInfo).port;
      const request = turnFor(harness.emulator, "http", {
        url: `http://127.0.0.1:${port}/v1/responses`,
        origins: [`http://127.0.0.1:${port}`, harness.emulator.url],
      });
      const { error } = await collect(transport.stream(request));
      expect(error?.code).toBe("SY_ERR_TRANSPORT_REDIRECT_REFUSED");
      expect(error?.details).toMatchObject({ status: 307 });
      expect(harness.emulator.stats().requests).toEqual([]);
    } finally {
      await transport.close();
      redirector.closeAllConnections();
      await new Promise<void>((resolve) => redirector.close(() => resolve()));
    }
  });

  it("reports a body cut before and after the first event as CLOSED_EARLY with how much was received", async () => {
    const transport = harness.track(createHttpTransport());
    harness.emulator.setFaults([{ kind: "cut", afterEvents: 0, destroy: true, times: 1, transport: "http" }]);
    const before = await collect(transport.stream(turnFor(harness.emulator, "http")));
    expect(before.error?.code).toBe("SY_ERR_TRANSPORT_CLOSED_EARLY");
    expect(before.error?.details).toMatchObject({ phase: "before-first-event", eventsReceived: 0 });
    harness.emulator.setFaults([{ kind: "cut", afterEvents: 4, times: 1, transport: "http" }]);
    const after = await collect(transport.stream(turnFor(harness.emulator, "http")));
    expect(after.error?.code).toBe("SY_ERR_TRANSPORT_CLOSED_EARLY");
    expect(after.error?.details).toMatchObject({ phase: "after-first-event", fallbackWorthy: false });
    expect(after.error?.details?.eventsReceived).toBe(after.events.length);
    expect(after.events.length).toBeGreaterThan(0);
  });

  it("aborts a turn mid-stream with ABORTED and leaves no open sockets after close()", async () => {
    const transport = createHttpTransport();
    harness.emulator.setFaults([{ kind: "delay", betweenEventsMs: 50, transport: "http" }]);
    const controller = new AbortController();
    const events: string[] = [];
    let error: (Error & { code?: string; details?: Record<string, unknown> }) | undefined;
    try {
      for await (const event of transport.stream(turnFor(harness.emulator, "http", { signal: controller.signal }))) {
        events.push(event.type);
        if (events.length === 2) controller.abort();
      }
    } catch (caught) {
      error = caught as typeof error;
    }
    expect(error?.code).toBe("SY_ERR_TRANSPORT_ABORTED");
    expect(error?.details).toMatchObject({ phase: "after-first-event", eventsReceived: 2 });
    await transport.close();
    await eventually(() => harness.emulator.stats().openConnections === 0);
  });

  it.each([
    ["connect", { connectMs: 1 }, { kind: "delay" as const, firstEventMs: 0 }],
    ["first-event", { firstEventMs: 100 }, { kind: "delay" as const, firstEventMs: 1000 }],
    ["idle", { idleMs: 100 }, { kind: "delay" as const, betweenEventsMs: 1000 }],
  ])("codes a %s timeout as TIMEOUT", async (kind, timeouts, fault) => {
    const transport = createHttpTransport();
    if (kind === "connect") {
      // A server that accepts the connection but never answers the headers.
      const silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const port = (silent.address() as AddressInfo).port;
      const { error } = await collect(
        transport.stream(
          turnFor(harness.emulator, "http", {
            url: `http://127.0.0.1:${port}/v1/responses`,
            origins: [`http://127.0.0.1:${port}`],
            timeouts: { connectMs: 100 },
          }),
        ),
      );
      expect(error?.code).toBe("SY_ERR_TRANSPORT_TIMEOUT");
      expect(error?.details).toMatchObject({ timeout: "connect", phase: "connect" });
      await transport.close();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
      return;
    }
    harness.emulator.setFaults([{ ...fault, transport: "http" }]);
    const { error } = await collect(transport.stream(turnFor(harness.emulator, "http", { timeouts })));
    expect(error?.code).toBe("SY_ERR_TRANSPORT_TIMEOUT");
    expect(error?.details).toMatchObject({ timeout: kind });
    await transport.close();
    await eventually(() => harness.emulator.stats().openConnections === 0);
  });

  it("refuses turns after close()", async () => {
    const transport = createHttpTransport();
    await transport.close();
    const { error } = await collect(transport.stream(turnFor(harness.emulator, "http")));
    expect(error?.code).toBe("SY_ERR_TRANSPORT_CLOSED");
  });

  it("sends each turn's own header values: a frozen set as given every turn, an unfrozen object as it is at that turn", async () => {
    const seen: Array<string | undefined> = [];
    const server = createServer((request, response) => {
      seen.push(request.headers["x-trace"] as string | undefined);
      request.resume();
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.end(`data: ${JSON.stringify({ type: "response.completed", response: { id: "resp_h", usage: {} } })}\n\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const transport = harness.track(createHttpTransport());
    try {
      const at = { url: `http://127.0.0.1:${port}/v1/responses`, origins: [`http://127.0.0.1:${port}`] };
      const frozen = Object.freeze({ authorization: `Bearer ${SENTINEL_KEY}`, "X-Trace": "frozen" });
      const mutable: Record<string, string> = { authorization: `Bearer ${SENTINEL_KEY}`, "X-Trace": "first" };
      for (const headers of [frozen, frozen, mutable]) expect((await collect(transport.stream(turnFor(harness.emulator, "http", { ...at, headers })))).error).toBeUndefined();
      mutable["X-Trace"] = "second";
      expect((await collect(transport.stream(turnFor(harness.emulator, "http", { ...at, headers: mutable })))).error).toBeUndefined();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(seen).toEqual(["frozen", "frozen", "first", "second"]);
  });

  it("hands out the events before response.completed while a server slow to end the body is still open", async () => {
    let ended = false;
    let release: (() => void) | undefined;
    const server = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { "content-type": "text/event-stream" });
      const frame = (value: Record<string, unknown>) => `event: ${value.type}\ndata: ${JSON.stringify(value)}\n\n`;
      // One write: the delta and the terminal event arrive in the same read.
      response.write(
        frame({ type: "response.created", response: { id: "resp_slow", model: "m" } }) +
          frame({ type: "response.output_text.delta", item_id: "msg_1", delta: "early" }) +
          frame({ type: "response.completed", response: { id: "resp_slow", usage: {} } }),
      );
      release = () => {
        ended = true;
        response.end();
      };
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const transport = harness.track(createHttpTransport());
    const seen: Array<{ type: string; bodyEnded: boolean }> = [];
    try {
      const request = turnFor(harness.emulator, "http", { url: `http://127.0.0.1:${port}/v1/responses`, origins: [`http://127.0.0.1:${port}`] });
      for await (const event of transport.stream(request)) {
        seen.push({ type: event.type, bodyEnded: ended });
        // The server ends the body only once the delta is out.
        if (event.type === "text-delta") release?.();
      }
    } finally {
      release?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(seen).toEqual([
      { type: "response-start", bodyEnded: false },
      { type: "text-delta", bodyEnded: false },
      { type: "response-end", bodyEnded: true },
    ]);
  });
});
