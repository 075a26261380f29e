import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "./index.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

const weatherTool = {
  type: "function" as const,
  function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};

function client(): OpenAI {
  return new OpenAI({ apiKey: "test-key", baseURL: emu.endpoints.openai.baseUrl, maxRetries: 0 });
}

describe("the official openai client against the Chat Completions dialect", () => {
  it("streams text in many deltas with chat.completions.create({ stream: true }), usage last", async () => {
    const stream = await client().chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "hello chat" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe("You said: hello chat");
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(3);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it("calls a named tool with arguments split across tool_calls deltas by index, and answers its result", async () => {
    const stream = await client().chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Use get_weather for Paris." }],
      tools: [weatherTool],
      stream: true,
    });
    let args = "";
    let id = "";
    let name = "";
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        expect(call.index).toBe(0);
        id ||= call.id ?? "";
        name ||= call.function?.name ?? "";
        args += call.function?.arguments ?? "";
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect({ name, args: JSON.parse(args), finish }).toEqual({ name: "get_weather", args: { city: "Paris" }, finish: "tool_calls" });
    const answer = await client().chat.completions.create({
      model: "gpt-4o-mini",
      messages: [
        { role: "user", content: "Use get_weather for Paris." },
        { role: "assistant", content: null, tool_calls: [{ id, type: "function", function: { name, arguments: args } }] },
        { role: "tool", tool_call_id: id, content: '{"forecast":"sunny"}' },
      ],
      tools: [weatherTool],
    });
    expect(answer.choices[0]?.message.content).toBe('The get_weather tool returned: {"forecast":"sunny"}');
    expect(answer.choices[0]?.finish_reason).toBe("stop");
  });

  it("answers a missing key with 401 and an injected 429 with retry-after, as the SDK's typed errors", async () => {
    const anonymous = await fetch(`${emu.endpoints.openai.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "missing_api_key", type: "invalid_request_error" } });
    emu.setFaults([{ profile: "openai", transport: "http", kind: "http-status", status: 429, retryAfter: 3, times: 1 }]);
    const error = await client().chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get("retry-after")).toBe("3");
  });

  it("sends an injected mid-stream error as an error chunk, which the SDK raises, and no [DONE]", async () => {
    emu.setFaults([{ profile: "openai", transport: "http", kind: "error-event", code: "server_error", message: "boom", afterEvents: 2 }]);
    const stream = await client().chat.completions.create({ model: "m", messages: [{ role: "user", content: "hello" }], stream: true });
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? "");
    })().catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as Error).message).toContain("boom");
    expect(seen).toHaveLength(2);
  });

  it("counts the request under the openai profile with its messages as input items", async () => {
    await client().chat.completions.create({ model: "m", messages: [{ role: "system", content: "be brief" }, { role: "user", content: "hi" }] });
    expect(emu.stats().requests.at(-1)).toMatchObject({ profile: "openai", transport: "http", path: "/v1/chat/completions", inputItems: 2, credentials: true });
  });
});
