import OpenAI from "openai";
import { ResponsesWS } from "openai/resources/responses/ws";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator, type ProfileName } from "./index.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

const weatherTool = {
  type: "function" as const,
  name: "get_weather",
  strict: false,
  parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } }, required: ["city"] },
};

function client(profile: ProfileName): OpenAI {
  return new OpenAI({ apiKey: "test-key", baseURL: emu.endpoints[profile].baseUrl, maxRetries: 0 });
}

type AnyEvent = { type: string; [key: string]: unknown };

/** Sends one response.create over the SDK's websocket and resolves with its events up to the end. */
function wsTurn(ws: ResponsesWS, body: Record<string, unknown>): Promise<AnyEvent[]> {
  return new Promise((resolve, reject) => {
    const events: AnyEvent[] = [];
    // The SDK's event interfaces have no index signature: take them as { type }, keep them as AnyEvent.
    const onEvent = (event: { type: string }): void => {
      events.push(event as AnyEvent);
      if (event.type === "response.completed" || event.type === "response.failed") {
        ws.off("event", onEvent);
        ws.off("error", onError);
        resolve(events);
      }
    };
    const onError = (error: Error): void => {
      ws.off("event", onEvent);
      ws.off("error", onError);
      reject(error);
    };
    ws.on("event", onEvent);
    ws.on("error", onError);
    ws.send({ type: "response.create", ...body } as never);
  });
}

describe("the official openai client over HTTP", () => {
  it("streams a text turn with responses.create({ stream: true }) in the documented event order", async () => {
    const stream = await client("openai").responses.create({ model: "gpt-5.4", input: "hello emulator", stream: true });
    const events: AnyEvent[] = [];
    for await (const event of stream) events.push({ ...event });
    const types = events.map((event) => event.type);
    expect(types.slice(0, 4)).toEqual(["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"]);
    expect(types.slice(-4)).toEqual(["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"]);
    expect(types.filter((type) => type === "response.output_text.delta").length).toBeGreaterThan(3);
    expect(events.map((event) => event["sequence_number"])).toEqual(events.map((_, index) => index));
    const deltas = events.filter((event) => event.type === "response.output_text.delta").map((event) => event["delta"]).join("");
    expect(deltas).toBe("You said: hello emulator");
    const completed = events.at(-1) as unknown as { response: { usage: { input_tokens: number; output_tokens: number; total_tokens: number } } };
    expect(completed.response.usage.total_tokens).toBe(completed.response.usage.input_tokens + completed.response.usage.output_tokens);
  });

  it("responses.stream().finalResponse() returns the text and usage", async () => {
    const final = await client("openai").responses.stream({ model: "gpt-5.4", input: "tell me something" }).finalResponse();
    expect(final.status).toBe("completed");
    expect(final.output_text).toBe("You said: tell me something");
    expect(final.usage?.output_tokens).toBe(Math.ceil("You said: tell me something".length / 4));
  });

  it("responses.stream().finalResponse() returns a function call whose arguments fill the schema's required fields only", async () => {
    const final = await client("openai")
      .responses.stream({ model: "gpt-5.4", input: "use get_weather for Paris", tools: [weatherTool] })
      .finalResponse();
    const call = final.output[0];
    expect(call?.type).toBe("function_call");
    if (call?.type !== "function_call") return;
    expect(call.name).toBe("get_weather");
    expect(JSON.parse(call.arguments)).toEqual({ city: "Paris" });
    expect(call.call_id).toMatch(/^call_/);
  });

  it("answers a function_call_output with text that mentions the output", async () => {
    const final = await client("openai")
      .responses.stream({
        model: "gpt-5.4",
        tools: [weatherTool],
        input: [
          { role: "user", content: "use get_weather for Paris" },
          { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
          { type: "function_call_output", call_id: "call_1", output: "sunny, 21C" },
        ],
      })
      .finalResponse();
    expect(final.output_text).toBe("The get_weather tool returned: sunny, 21C");
  });

  it("a non-stream create returns the response object as JSON", async () => {
    const response = await client("xai").responses.create({ model: "grok-4", input: "plain" });
    expect(response.object).toBe("response");
    expect(response.output_text).toBe("You said: plain");
  });

  it("codex over HTTP works when store is false, instructions are given and stream is true", async () => {
    const final = await client("openai-codex")
      .responses.stream({ model: "gpt-5.4", input: "codex turn", store: false, instructions: "be brief" })
      .finalResponse();
    expect(final.output_text).toBe("You said: codex turn");
  });

  it("GET {baseUrl}/models lists each profile's models", async () => {
    const models = await client("xai").models.list();
    expect(models.data.map((model) => model.id)).toContain("grok-4");
  });
});

describe("the official openai client over WebSocket mode (ResponsesWS)", () => {
  const cases: Array<{ profile: ProfileName; model: string; extra: Record<string, unknown> }> = [
    { profile: "openai", model: "gpt-5.4", extra: { store: false } },
    { profile: "openai-codex", model: "gpt-5.4", extra: { store: false, instructions: "be brief" } },
    { profile: "xai", model: "grok-4", extra: { store: false } },
  ];
  for (const { profile, model, extra } of cases) {
    it(`continues a multi-turn conversation with previous_response_id on ${profile}`, async () => {
      const ws = new ResponsesWS(client(profile));
      try {
        const first = await wsTurn(ws, { model, input: "use get_weather for Oslo", tools: [weatherTool], ...extra });
        const firstDone = first.at(-1) as unknown as { response: { id: string; output: Array<{ call_id: string; type: string }> } };
        expect(first.at(-1)?.type).toBe("response.completed");
        expect(firstDone.response.output[0]?.type).toBe("function_call");
        const callId = firstDone.response.output[0]?.call_id;
        const second = await wsTurn(ws, {
          model,
          previous_response_id: firstDone.response.id,
          input: [{ type: "function_call_output", call_id: callId, output: "cold, 2C" }],
          tools: [weatherTool],
          ...extra,
        });
        const secondDone = second.at(-1) as { type: string; response: { id: string; output: Array<{ content: Array<{ text: string }> }> } };
        expect(secondDone.type).toBe("response.completed");
        expect(secondDone.response.output[0]?.content[0]?.text).toBe("The get_weather tool returned: cold, 2C");
        const third = await wsTurn(ws, { model, previous_response_id: secondDone.response.id, input: "thanks", ...extra });
        expect(third.at(-1)?.type).toBe("response.completed");
        expect(emu.stats().profiles[profile].websocket).toMatchObject({ upgradesAccepted: 1, requests: 3 });
      } finally {
        ws.close();
      }
    });
  }

  it("reports the same usage over WebSocket continuation as over an HTTP full resend", async () => {
    const ws = new ResponsesWS(client("openai"));
    try {
      const first = await wsTurn(ws, { model: "gpt-5.4", input: "first question", store: false });
      const firstDone = first.at(-1) as unknown as { response: { id: string; output: unknown[] } };
      const second = await wsTurn(ws, { model: "gpt-5.4", input: "second question", previous_response_id: firstDone.response.id, store: false });
      const wsUsage = (second.at(-1) as unknown as { response: { usage: unknown; output_text?: string; output: unknown[] } }).response;
      const http = await client("openai").responses.create({
        model: "gpt-5.4",
        store: false,
        input: [
          { role: "user", content: "first question" },
          ...(firstDone.response.output as never[]),
          { role: "user", content: "second question" },
        ],
      });
      expect(wsUsage.usage).toEqual(http.usage);
      expect(JSON.stringify((wsUsage.output[0] as { content: unknown }).content)).toBe(JSON.stringify((http.output[0] as { content: unknown }).content));
    } finally {
      ws.close();
    }
  });
});
