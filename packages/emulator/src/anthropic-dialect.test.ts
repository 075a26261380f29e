import Anthropic from "@anthropic-ai/sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "./index.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

const weatherTool = { name: "get_weather", input_schema: { type: "object" as const, properties: { city: { type: "string" } }, required: ["city"] } };

function client(): Anthropic {
  return new Anthropic({ apiKey: "test-key", baseURL: emu.endpoints.anthropic.baseUrl.replace(/\/v1$/, ""), maxRetries: 0 });
}

describe("the official @anthropic-ai/sdk client against the Messages dialect", () => {
  it("streams text with messages.stream() and reports the final message with usage", async () => {
    const stream = client().messages.stream({ model: "claude-sonnet-4-5", max_tokens: 256, messages: [{ role: "user", content: "hello claude" }] });
    const deltas: string[] = [];
    stream.on("text", (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    expect(deltas.join("")).toBe("You said: hello claude");
    expect(deltas.length).toBeGreaterThan(3);
    expect(message).toMatchObject({ role: "assistant", model: "claude-sonnet-4-5", stop_reason: "end_turn", content: [{ type: "text", text: "You said: hello claude" }] });
    expect(message.usage).toMatchObject({ input_tokens: 3, output_tokens: 6 });
  });

  it("calls a named tool as a tool_use block with input_json deltas, and answers its tool_result", async () => {
    const first = await client()
      .messages.stream({ model: "claude-sonnet-4-5", max_tokens: 256, tools: [weatherTool], messages: [{ role: "user", content: "Use get_weather for Paris." }] })
      .finalMessage();
    expect(first.stop_reason).toBe("tool_use");
    const use = first.content[0];
    expect(use).toMatchObject({ type: "tool_use", name: "get_weather", input: { city: "Paris" } });
    if (use?.type !== "tool_use") throw new Error("expected a tool_use block");
    const second = await client()
      .messages.stream({
        model: "claude-sonnet-4-5",
        max_tokens: 256,
        tools: [weatherTool],
        messages: [
          { role: "user", content: "Use get_weather for Paris." },
          { role: "assistant", content: first.content },
          { role: "user", content: [{ type: "tool_result", tool_use_id: use.id, content: '{"forecast":"sunny"}' }] },
        ],
      })
      .finalMessage();
    expect(second.content).toEqual([{ type: "text", text: 'The get_weather tool returned: {"forecast":"sunny"}' }]);
  });

  it("refuses a request without x-api-key or anthropic-version with Anthropic's error shape", async () => {
    const response = await fetch(`${emu.endpoints.anthropic.baseUrl}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "k" },
      body: JSON.stringify({ model: "m", max_tokens: 8, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ type: "error", error: { type: "invalid_request_error", message: "anthropic-version: header is required" } });
    const anonymous = await fetch(`${emu.endpoints.anthropic.baseUrl}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model: "m", max_tokens: 8, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ type: "error", error: { type: "authentication_error", message: "x-api-key header is required" } });
  });

  it("answers an injected 529 as overloaded_error and a mid-stream error event the SDK raises", async () => {
    emu.setFaults([{ profile: "anthropic", transport: "http", kind: "http-status", status: 529, times: 1 }]);
    const overloaded = await client().messages.create({ model: "m", max_tokens: 8, messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(overloaded).toBeInstanceOf(Anthropic.APIError);
    expect(overloaded).toMatchObject({ status: 529, error: { type: "error", error: { type: "overloaded_error" } } });
    emu.setFaults([{ profile: "anthropic", transport: "http", kind: "error-event", code: "overloaded_error", message: "Overloaded", afterEvents: 3 }]);
    const failure = await client()
      .messages.stream({ model: "m", max_tokens: 8, messages: [{ role: "user", content: "hello" }] })
      .finalMessage()
      .catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(Anthropic.APIError);
    expect(String((failure as Error).message)).toContain("Overloaded");
  });

  it("has no Responses endpoints or websocket mode under its prefix: both answer 404 not_found_error", async () => {
    const responses = await fetch(`${emu.endpoints.anthropic.baseUrl}/responses`, { method: "POST", headers: { authorization: "Bearer k" }, body: "{}" });
    expect(responses.status).toBe(404);
    expect(await responses.json()).toEqual({ type: "error", error: { type: "not_found_error", message: "Not found: /anthropic/v1/responses" } });
    const { WebSocket } = await import("ws");
    const status = await new Promise<number | undefined>((resolve) => {
      const socket = new WebSocket(emu.endpoints.anthropic.websocketUrl, { headers: { authorization: "Bearer k" } });
      socket.on("unexpected-response", (_request, response) => {
        resolve(response.statusCode);
        socket.terminate();
      });
      socket.on("open", () => {
        resolve(101);
        socket.close();
      });
      socket.on("error", () => resolve(undefined));
    });
    expect(status).toBe(404);
  });
});
