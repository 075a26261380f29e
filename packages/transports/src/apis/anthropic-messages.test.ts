import type { UnifiedEvent } from "@switchyard/sdk";
import { describe, expect, it } from "vitest";
import { anthropicMessagesApi } from "./anthropic-messages.js";

function decodeAll(frames: Array<Record<string, unknown>>): { events: UnifiedEvent[]; terminal: unknown } {
  const decoder = anthropicMessagesApi.createDecoder({ transport: "http", input: "full" });
  const events: UnifiedEvent[] = [];
  for (const frame of frames) decoder.decode(frame, events);
  return { events, terminal: decoder.terminal };
}

const start = { type: "message_start", message: { id: "msg_1", model: "claude-sonnet-4-5", usage: { input_tokens: 20, cache_read_input_tokens: 100, cache_creation_input_tokens: 5, output_tokens: 1 } } };

describe("anthropic-messages codec", () => {
  it("encodes system, user text, tool_use and tool_result blocks, thinking, tools and a default max_tokens", () => {
    const body = anthropicMessagesApi.encode({
      transport: "http",
      body: { model: "claude-sonnet-4-5", instructions: "Be brief.", store: false, temperature: 0, tools: [{ type: "function", name: "f", description: "d", parameters: { type: "object" } }], tool_choice: "required" },
      items: [
        { role: "developer", content: "Use tools." },
        { role: "user", content: "hi" },
        { type: "reasoning", summary: [{ type: "summary_text", text: "think" }], encrypted_content: "sig" },
        { type: "function_call", call_id: "toolu_1", name: "f", arguments: '{"a":1}' },
        { type: "function_call_output", call_id: "toolu_1", output: "one" },
        { role: "user", content: "and?" },
      ],
      newItems: [],
    });
    expect(body).toEqual({
      model: "claude-sonnet-4-5",
      temperature: 0,
      max_tokens: 4096,
      stream: true,
      system: "Be brief.\n\nUse tools.",
      tools: [{ name: "f", description: "d", input_schema: { type: "object" } }],
      tool_choice: { type: "any" },
      messages: [
        { role: "user", content: [{ type: "text", text: "hi" }] },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "think", signature: "sig" },
            { type: "tool_use", id: "toolu_1", name: "f", input: { a: 1 } },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "one" }, { type: "text", text: "and?" }] },
      ],
    });
  });

  it("decodes thinking, text and tool_use blocks into reasoning, text and tool-call events, with usage from message_delta", () => {
    const { events, terminal } = decodeAll([
      start,
      { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } },
      { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "Weather needs " } },
      { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "a tool." } },
      { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "EqQBCgIYAh" } },
      { type: "content_block_stop", index: 0 },
      { type: "ping" },
      { type: "content_block_start", index: 1, content_block: { type: "text", text: "" } },
      { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "Checking." } },
      { type: "content_block_stop", index: 1 },
      { type: "content_block_start", index: 2, content_block: { type: "tool_use", id: "toolu_9", name: "get_weather", input: {} } },
      { type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: '{"city": ' } },
      { type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: '"Paris"}' } },
      { type: "content_block_stop", index: 2 },
      { type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 42 } },
      { type: "message_stop" },
    ]);
    expect(events).toEqual([
      { type: "response-start", responseId: "msg_1", model: "claude-sonnet-4-5", transport: "http", input: "full" },
      { type: "reasoning-end", itemId: "msg_1:0", summary: "Weather needs a tool.", encryptedContent: "EqQBCgIYAh" },
      { type: "text-delta", itemId: "msg_1:1", delta: "Checking." },
      { type: "text-end", itemId: "msg_1:1", text: "Checking." },
      { type: "tool-call-start", itemId: "toolu_9", callId: "toolu_9", name: "get_weather" },
      { type: "tool-call-delta", itemId: "toolu_9", delta: '{"city": ' },
      { type: "tool-call-delta", itemId: "toolu_9", delta: '"Paris"}' },
      { type: "tool-call-end", itemId: "toolu_9", callId: "toolu_9", name: "get_weather", arguments: '{"city": "Paris"}' },
      { type: "response-end", responseId: "msg_1", status: "completed", usage: { inputTokens: 125, outputTokens: 42, totalTokens: 167, cachedInputTokens: 100 } },
    ]);
    expect(terminal).toEqual({ kind: "response-end", status: "completed" });
  });

  it("maps stop_reason max_tokens to incomplete, and an overloaded_error event to a server error", () => {
    const cutShort = decodeAll([start, { type: "message_delta", delta: { stop_reason: "max_tokens" }, usage: { output_tokens: 8 } }, { type: "message_stop" }]);
    expect(cutShort.events.at(-1)).toMatchObject({ type: "response-end", status: "incomplete", incompleteReason: "max_output_tokens" });
    const overloaded = decodeAll([start, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }]);
    expect(overloaded.terminal).toEqual({ kind: "server-error", code: "overloaded_error", message: "Overloaded", status: undefined });
  });

  it("sends image parts of a user message as image blocks: base64 data URLs inline, other URLs by reference", () => {
    const body = anthropicMessagesApi.encode({
      transport: "http",
      body: { model: "claude-sonnet-4-5" },
      items: [{ role: "user", content: [{ type: "input_text", text: "What is this?" }, { type: "input_image", image_url: "data:image/png;base64,iVBORw0KGgo=" }, { type: "input_image", image_url: "https://example.com/cat.jpg" }] }],
      newItems: [],
    });
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
          { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
        ],
      },
    ]);
  });

  it("turns reasoning.effort into extended thinking with room left for the answer, unless thinking is set", () => {
    const encode = (body: Record<string, unknown>) => anthropicMessagesApi.encode({ transport: "http", body: { model: "m", ...body }, items: [{ role: "user", content: "hi" }], newItems: [] });
    expect(encode({ reasoning: { effort: "medium" } })).toMatchObject({ thinking: { type: "enabled", budget_tokens: 8192 }, max_tokens: 12288 });
    expect(encode({ reasoning: { effort: "low" }, max_output_tokens: 32000 })).toMatchObject({ thinking: { budget_tokens: 2048 }, max_tokens: 32000 });
    expect(encode({ reasoning: { effort: "high" }, thinking: { type: "disabled" } })).toMatchObject({ thinking: { type: "disabled" }, max_tokens: 4096 });
    expect(encode({}).thinking).toBeUndefined();
  });
});
