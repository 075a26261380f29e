/**
 * `@mariozechner/pi-ai`: its `openai-responses` provider on the Responses dialects, and its
 * `openai-codex-responses` provider (ChatGPT sign-in) over every transport it offers — sse,
 * websocket, websocket-cached, auto — each with a tool round trip and a second turn.
 */
import { complete, getModel, type Context, type Model, type Tool, type Transport } from "@mariozechner/pi-ai";
import { closeOpenAICodexWebSocketSessions, getOpenAICodexWebSocketDebugStats } from "@mariozechner/pi-ai/openai-codex-responses";
import { afterAll, describe, expect, it } from "vitest";
import { API_KEY, codexAccessToken, INSTRUCTIONS, requestsSince, useEmulator, useGlobalWebSocket, WEATHER_PROMPT, WEATHER_RESULT, weatherAnswer, weatherParameters } from "./support.js";

const emu = useEmulator();

useGlobalWebSocket();
// pi-ai keeps codex websockets per session in a module cache: close them with the file.
afterAll(() => closeOpenAICodexWebSocketSessions());

const weather: Tool = { name: "get_weather", description: "Current weather for a city", parameters: weatherParameters as unknown as Tool["parameters"] };

/** The tool round trip: ask, run the tool pi-ai asked for, answer, then a second user turn. */
async function conversation(model: Model<any>, options: Record<string, unknown>): Promise<Context> {
  const context: Context = { systemPrompt: INSTRUCTIONS, tools: [weather], messages: [{ role: "user", content: WEATHER_PROMPT, timestamp: Date.now() }] };
  const first = await complete(model, context, options);
  expect(first.errorMessage).toBeUndefined();
  expect(first.stopReason).toBe("toolUse");
  const call = first.content.find((part) => part.type === "toolCall");
  expect(call).toMatchObject({ name: "get_weather", arguments: { city: "Paris" } });
  context.messages.push(first, {
    role: "toolResult",
    toolCallId: call?.type === "toolCall" ? call.id : "",
    toolName: "get_weather",
    content: [{ type: "text", text: JSON.stringify(WEATHER_RESULT) }],
    isError: false,
    timestamp: Date.now(),
  });
  const second = await complete(model, context, options);
  expect(second.errorMessage).toBeUndefined();
  expect(second.content.filter((part) => part.type === "text").map((part) => (part.type === "text" ? part.text : "")).join("")).toBe(weatherAnswer);
  context.messages.push(second, { role: "user", content: "Thanks!", timestamp: Date.now() });
  const third = await complete(model, context, options);
  expect(third.content.find((part) => part.type === "text")).toMatchObject({ text: "You said: Thanks!" });
  return context;
}

describe("pi-ai openai-responses", () => {
  const base = getModel("openai", "gpt-5.4");
  const targets = [
    { profile: "openai" as const, id: "gpt-5.4" },
    { profile: "xai" as const, id: "grok-4" },
    // pi-ai sends store: false and its system prompt as a leading developer message: the codex rules hold.
    { profile: "openai-codex" as const, id: "gpt-5.4" },
  ];

  it.each(targets)("holds a tool round trip and a second turn on $profile over sse", async ({ profile, id }) => {
    const from = emu.current.stats().requests.length;
    await conversation({ ...base, id, baseUrl: emu.current.endpoints[profile].baseUrl }, { apiKey: API_KEY });
    const seen = requestsSince(emu.current, profile, from);
    expect(seen).toHaveLength(3);
    expect(seen.every((entry) => entry.transport === "http" && entry.store === false)).toBe(true);
  });
});

describe("pi-ai openai-codex-responses (ChatGPT sign-in)", () => {
  const codexBase = (): Model<"openai-codex-responses"> => ({
    ...getModel("openai-codex", "gpt-5.4"),
    // pi-ai appends /codex/responses to the backend's base.
    baseUrl: emu.current.endpoints["openai-codex"].baseUrl.replace(/\/codex$/, ""),
  });
  const transports: Array<{ transport: Transport; wire: "http" | "websocket" }> = [
    { transport: "sse", wire: "http" },
    { transport: "websocket", wire: "websocket" },
    { transport: "websocket-cached", wire: "websocket" },
    { transport: "auto", wire: "websocket" },
  ];

  it.each(transports)("holds a tool round trip and a second turn over $transport", async ({ transport, wire }) => {
    const sessionId = `pi-${transport}`;
    const from = emu.current.stats().requests.length;
    await conversation(codexBase(), { apiKey: codexAccessToken(emu.current), transport, sessionId });
    const seen = requestsSince(emu.current, "openai-codex", from);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((entry) => entry.transport === wire && entry.store === false)).toBe(true);
    if (transport === "websocket-cached") {
      // The cached mode continues on its connection with previous_response_id instead of resending.
      expect(seen.slice(1).some((entry) => entry.previousResponseId)).toBe(true);
      expect(getOpenAICodexWebSocketDebugStats(sessionId)).toMatchObject({ websocketFailures: 0, sseFallbacks: 0 });
    }
  });

  it("refuses a token without the account claim before sending anything", async () => {
    const from = emu.current.stats().requests.length;
    const context: Context = { systemPrompt: INSTRUCTIONS, messages: [{ role: "user", content: "hi", timestamp: Date.now() }] };
    const result = await complete(codexBase(), context, { apiKey: "not-a-jwt", transport: "sse" });
    expect(result.stopReason).toBe("error");
    expect(result.errorMessage).toMatch(/accountId/);
    expect(requestsSince(emu.current, "openai-codex", from)).toHaveLength(0);
  });
});
