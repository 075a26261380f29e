import OpenAI from "openai";
import { ResponsesWS } from "openai/resources/responses/ws";
import { WebSocket } from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { GATEWAY_KEY, startGatewayRig, type GatewayRig } from "./test-support/gateway.js";
import { TOOLS } from "./test-support/rig.js";

type AnyEvent = { type: string; [key: string]: unknown };

/** One response.create over the SDK's websocket, resolved with its events up to the final one. */
function wsTurn(ws: ResponsesWS, body: Record<string, unknown>): Promise<AnyEvent[]> {
  return new Promise((resolve, reject) => {
    const events: AnyEvent[] = [];
    const onEvent = (received: unknown): void => {
      const event = received as AnyEvent;
      events.push(event);
      if (event.type === "response.completed" || event.type === "response.failed" || event.type === "error") {
        ws.off("event", onEvent);
        ws.off("error", onError);
        resolve(events);
      }
    };
    const onError = (error: Error): void => {
      ws.off("event", onEvent);
      ws.off("error", onError);
      if ((error as { error?: unknown }).error) resolve([...events, { type: "error", ...(error as unknown as Record<string, unknown>) }]);
      else reject(error);
    };
    ws.on("event", onEvent);
    ws.on("error", onError);
    ws.send({ type: "response.create", ...body } as never);
  });
}

/** A raw client for what the SDK hides: the exact error event and the close. */
function rawSocket(url: string): Promise<{ ws: WebSocket; messages: AnyEvent[]; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace("http", "ws")}/v1/responses`, { headers: { authorization: `Bearer ${GATEWAY_KEY}` } });
    const messages: AnyEvent[] = [];
    const closed = new Promise<number>((done) => ws.on("close", (code) => done(code)));
    ws.on("message", (data) => messages.push(JSON.parse(String(data)) as AnyEvent));
    ws.once("open", () => resolve({ ws, messages, closed }));
    ws.once("error", reject);
  });
}

describe("gateway: the Responses WebSocket mode", () => {
  let rig: GatewayRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it("continues a tool-calling conversation with previous_response_id over the SDK's ResponsesWS", async () => {
    rig = await startGatewayRig();
    const ws = new ResponsesWS(new OpenAI({ apiKey: GATEWAY_KEY, baseURL: `${rig.url}/v1`, maxRetries: 0 }));
    try {
      const tools = TOOLS.map((tool) => ({ ...tool, strict: false }));
      const first = await wsTurn(ws, { model: "openai/gpt-5.4", input: "What is the weather in Oslo? Use get_weather.", tools });
      const done = first.at(-1) as { type: string; response: { id: string; output: Array<{ type: string; call_id: string }> } };
      expect(done.type).toBe("response.completed");
      const call = done.response.output.find((item) => item.type === "function_call");
      const second = await wsTurn(ws, {
        model: "openai/gpt-5.4",
        previous_response_id: done.response.id,
        input: [{ type: "function_call_output", call_id: call?.call_id, output: "cold, 2C" }],
        tools,
      });
      const secondDone = second.at(-1) as { type: string; response: { output: Array<{ content: Array<{ text: string }> }> } };
      expect(secondDone.type).toBe("response.completed");
      expect(secondDone.response.output[0]?.content[0]?.text).toBe("The get_weather tool returned: cold, 2C");
      // Upstream, the second turn was a continuation too: only the new item went over the wire.
      const upstream = rig.emu.stats().requests.filter((request) => request.profile === "openai");
      expect(upstream.map((request) => [request.transport, request.previousResponseId, request.inputItems])).toEqual([
        ["websocket", false, 1],
        ["websocket", true, 1],
      ]);
    } finally {
      ws.close();
    }
  });

  it("answers an unknown previous_response_id with previous_response_not_found, as the real service does", async () => {
    rig = await startGatewayRig();
    const { ws, messages } = await rawSocket(rig.url);
    ws.send(JSON.stringify({ type: "response.create", model: "openai/gpt-5.4", previous_response_id: "resp_unknown", input: "hi" }));
    await new Promise((resolve) => ws.once("message", resolve));
    expect(messages[0]).toMatchObject({ type: "error", status: 400, error: { code: "previous_response_not_found", param: "previous_response_id" } });
    ws.close();
  });

  it("refuses a second response.create while one is in flight on the connection", async () => {
    rig = await startGatewayRig();
    rig.emu.setFaults([{ kind: "delay", firstEventMs: 300 }]);
    const { ws, messages } = await rawSocket(rig.url);
    ws.send(JSON.stringify({ type: "response.create", model: "openai/gpt-5.4", input: "first" }));
    ws.send(JSON.stringify({ type: "response.create", model: "openai/gpt-5.4", input: "second" }));
    const deadline = Date.now() + 5_000;
    while (!messages.some((message) => message.type === "response.completed") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(messages[0]).toMatchObject({ type: "error", error: { code: "concurrent_response_limit" } });
    expect(messages.filter((message) => message.type === "response.completed")).toHaveLength(1);
    ws.close();
  });

  it("ends a connection at its age limit with websocket_connection_limit_reached and close 1000", async () => {
    rig = await startGatewayRig({ limits: { websocketMaxAgeMs: 150 } });
    const { messages, closed } = await rawSocket(rig.url);
    expect(await closed).toBe(1000);
    expect(messages).toEqual([
      { type: "error", status: 400, error: expect.objectContaining({ code: "websocket_connection_limit_reached", message: expect.stringContaining("Create a new websocket connection") }) },
    ]);
  });

  it("refuses the upgrade without a key with 401, before any provider is contacted", async () => {
    rig = await startGatewayRig();
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${rig!.url.replace("http", "ws")}/v1/responses`);
      ws.on("unexpected-response", (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on("error", () => undefined);
    });
    expect(refused).toBe(401);
    expect(rig.emu.stats().requests).toHaveLength(0);
  });
});
