import type { FrameDecoder, WireApi } from "@switchyard/sdk";
import { describe, expect, it } from "vitest";
import { anthropicMessagesApi, chatCompletionsApi, responsesApi } from "./apis/index.js";
import { createHttpTransport } from "./http-transport.js";
import { collect, SENTINEL_KEY, turnFor, useEmulator, user } from "./test-support/harness.js";
import { createWebSocketTransport } from "./websocket-transport.js";

const rig = useEmulator();

describe("transports carry any wire API's frames", () => {
  it("streams a Chat Completions turn over HTTP with the codec's body and framing", async () => {
    const http = rig.track(createHttpTransport());
    const url = `${rig.emulator.endpoints.openai.baseUrl}/chat/completions`;
    const { events, error } = await collect(http.stream(turnFor(rig.emulator, "http", { url, api: chatCompletionsApi, body: { model: "gpt-4o-mini", store: false } })));
    expect(error).toBeUndefined();
    expect(events.filter((event) => event.type === "text-delta").map((event) => (event.type === "text-delta" ? event.delta : "")).join("")).toBe("You said: hello there");
    expect(events.at(-1)).toMatchObject({ type: "response-end", status: "completed", usage: { totalTokens: expect.any(Number) } });
    expect(rig.emulator.stats().requests.at(-1)).toMatchObject({ path: "/v1/chat/completions", inputItems: 1 });
  });

  it("refuses an api without websocket framing over websocket before dialling, with a coded error", async () => {
    rig.emulator.resetStats();
    const websocket = rig.track(createWebSocketTransport());
    const request = turnFor(rig.emulator, "websocket", { api: anthropicMessagesApi, input: { items: [user("hi")], newItems: [user("hi")] } });
    const { events, error } = await collect(websocket.stream(request));
    expect(events).toEqual([]);
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_PROTOCOL_UNSUPPORTED", details: { phase: "connect", fallbackWorthy: false } });
    expect(error?.message).toContain('api "anthropic-messages", which is not spoken over websocket');
    expect(error?.message).not.toContain(SENTINEL_KEY);
    expect(rig.emulator.stats().profiles.openai.websocket.upgradesAttempted).toBe(0);
  });

  it.each([
    ["an Error", () => new Error(`codec bug, key ${SENTINEL_KEY} in scope`)],
    ["undefined", () => undefined],
  ])("codes a codec that throws %s on a frame as MALFORMED_FRAME, after the events before that frame, on both transports", async (what, thrown) => {
    const responses = responsesApi("openai-responses");
    // The Responses codec, except that it throws on the first text delta.
    const throwing: WireApi = {
      ...responses,
      createDecoder(options) {
        const inner = responses.createDecoder(options);
        const decoder: FrameDecoder = {
          get terminal() {
            return inner.terminal;
          },
          get responseId() {
            return inner.responseId;
          },
          decode(frame, out) {
            if (frame.type === "response.output_text.delta") throw thrown();
            inner.decode(frame, out);
          },
        };
        return decoder;
      },
    };
    for (const [kind, transport] of [
      ["http", rig.track(createHttpTransport())],
      ["websocket", rig.track(createWebSocketTransport())],
    ] as const) {
      const { events, error } = await collect(transport.stream(turnFor(rig.emulator, kind, { api: throwing })));
      expect(events.map((event) => event.type), kind).toEqual(["response-start"]);
      expect(error, kind).toMatchObject({ code: "SY_ERR_TRANSPORT_MALFORMED_FRAME", details: { fallbackWorthy: false } });
      const cause = (error as { cause?: Error } | undefined)?.cause;
      if (what === "an Error") expect(cause?.message, kind).toContain("codec bug");
      expect(`${error?.message} ${cause?.message} ${cause?.stack}`, kind).not.toContain(SENTINEL_KEY);
    }
  });
});
