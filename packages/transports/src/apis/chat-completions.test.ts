import type { UnifiedEvent } from "@switchyard/sdk";
import { describe, expect, it } from "vitest";
import { chatCompletionsApi } from "./chat-completions.js";

function decodeAll(frames: Array<Record<string, unknown>>, end = true): { events: UnifiedEvent[]; terminal: unknown } {
  const decoder = chatCompletionsApi.createDecoder({ transport: "http", input: "full" });
  const events: UnifiedEvent[] = [];
  for (const frame of frames) decoder.decode(frame, events);
  if (end) decoder.end?.(events);
  return { events, terminal: decoder.terminal };
}

const base = { id: "chatcmpl-1", object: "chat.completion.chunk", model: "gpt-4o-mini" };
const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });

describe("openai-chat-completions codec", () => {
  it("encodes instructions, messages, tool calls and their outputs as Chat Completions messages, streamed with usage", () => {
    const body = chatCompletionsApi.encode({
      transport: "http",
      body: { model: "m", instructions: "Be brief.", store: false, temperature: 0.2, max_output_tokens: 64, tools: [{ type: "function", name: "f", parameters: { type: "object" } }] },
      items: [
        { role: "user", content: "hi" },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "calling" }] },
        { type: "function_call", call_id: "c1", name: "f", arguments: '{"a":1}' },
        { type: "function_call", call_id: "c2", name: "f", arguments: "" },
        { type: "function_call_output", call_id: "c1", output: "one" },
        { type: "function_call_output", call_id: "c2", output: "two" },
        { type: "reasoning", summary: [], encrypted_content: "opaque" },
      ],
      newItems: [],
    });
    expect(body).toEqual({
      model: "m",
      temperature: 0.2,
      max_tokens: 64,
      stream: true,
      stream_options: { include_usage: true },
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hi" },
        {
          role: "assistant",
          content: "calling",
          tool_calls: [
            { id: "c1", type: "function", function: { name: "f", arguments: '{"a":1}' } },
            { id: "c2", type: "function", function: { name: "f", arguments: "{}" } },
          ],
        },
        { role: "tool", tool_call_id: "c1", content: "one" },
        { role: "tool", tool_call_id: "c2", content: "two" },
      ],
    });
  });

  it("decodes parallel tool-call deltas by index, with id and name only on the first", () => {
    const { events } = decodeAll([
      chunk({ role: "assistant", content: null }),
      chunk({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } }] }),
      chunk({ tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "get_time", arguments: '{"tz"' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: ':"UTC"}' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({}, "tool_calls"),
      { ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14, prompt_tokens_details: { cached_tokens: 2 } } },
    ]);
    const ends = events.filter((event) => event.type === "tool-call-end");
    expect(ends).toEqual([
      { type: "tool-call-end", itemId: "chatcmpl-1:tool-0", callId: "call_a", name: "get_weather", arguments: '{"city":"Paris"}' },
      { type: "tool-call-end", itemId: "chatcmpl-1:tool-1", callId: "call_b", name: "get_time", arguments: '{"tz":"UTC"}' },
    ]);
    expect(events.at(-1)).toEqual({ type: "response-end", responseId: "chatcmpl-1", status: "completed", usage: { inputTokens: 10, outputTokens: 4, totalTokens: 14, cachedInputTokens: 2 } });
  });

  it("maps finish_reason length to an incomplete response and ends at [DONE] when no usage chunk comes", () => {
    const { events, terminal } = decodeAll([chunk({ content: "Hel" }), chunk({ content: "lo" }), chunk({}, "length")]);
    expect(events.map((event) => event.type)).toEqual(["response-start", "text-delta", "text-delta", "text-end", "response-end"]);
    expect(events.at(-2)).toMatchObject({ text: "Hello" });
    expect(events.at(-1)).toMatchObject({ status: "incomplete", incompleteReason: "max_output_tokens", usage: undefined });
    expect(terminal).toEqual({ kind: "response-end", status: "incomplete" });
  });

  it("treats an error chunk as a server error, and a body that ends before finish_reason as unfinished", () => {
    expect(decodeAll([chunk({ content: "x" }), { error: { message: "overloaded", type: "server_error", code: "server_overloaded" } }]).terminal).toEqual({
      kind: "server-error",
      code: "server_overloaded",
      message: "overloaded",
      status: undefined,
    });
    expect(decodeAll([chunk({ content: "x" })]).terminal).toBeUndefined();
  });

  it("collects reasoning_content deltas (DeepSeek, vLLM) into one reasoning-end before the text ends", () => {
    const { events } = decodeAll([chunk({ reasoning_content: "Think" }), chunk({ reasoning_content: "ing." }), chunk({ content: "Answer" }), chunk({}, "stop")]);
    expect(events.map((event) => event.type)).toEqual(["response-start", "text-delta", "reasoning-end", "text-end", "response-end"]);
    expect(events[2]).toEqual({ type: "reasoning-end", itemId: "chatcmpl-1:reasoning", summary: "Thinking.", encryptedContent: undefined });
  });
});
