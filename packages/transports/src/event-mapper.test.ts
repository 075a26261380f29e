import { describe, expect, it } from "vitest";
import { createEventMapper, mapUsage } from "./event-mapper.js";

const created = { type: "response.created", response: { id: "resp_1", model: "gpt-5.4", status: "in_progress" } };

function run(frames: Record<string, unknown>[], input: "full" | "continuation" = "full") {
  const mapper = createEventMapper({ transport: "http", input });
  const events = frames.map((frame) => mapper.map(frame)).filter((event) => event !== undefined);
  return { events, terminal: mapper.terminal, responseId: mapper.responseId };
}

describe("createEventMapper", () => {
  it("maps a text response to start, deltas, end and a completed response-end with usage", () => {
    const { events, terminal } = run([
      created,
      { type: "response.output_item.added", item: { id: "msg_1", type: "message" } },
      { type: "response.output_text.delta", item_id: "msg_1", delta: "Hel", obfuscation: "xx" },
      { type: "response.output_text.delta", item_id: "msg_1", delta: "lo" },
      { type: "response.output_text.done", item_id: "msg_1", text: "Hello" },
      {
        type: "response.completed",
        response: {
          id: "resp_1",
          usage: {
            input_tokens: 10,
            output_tokens: 5,
            total_tokens: 15,
            input_tokens_details: { cached_tokens: 4 },
            output_tokens_details: { reasoning_tokens: 2 },
          },
        },
      },
    ]);
    expect(events).toEqual([
      { type: "response-start", responseId: "resp_1", model: "gpt-5.4", transport: "http", input: "full" },
      { type: "text-delta", itemId: "msg_1", delta: "Hel" },
      { type: "text-delta", itemId: "msg_1", delta: "lo" },
      { type: "text-end", itemId: "msg_1", text: "Hello" },
      {
        type: "response-end",
        responseId: "resp_1",
        status: "completed",
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedInputTokens: 4, reasoningTokens: 2 },
      },
    ]);
    expect(terminal).toEqual({ kind: "response-end", status: "completed" });
  });

  it("maps a function call to tool-call start, deltas and end with the final arguments", () => {
    const item = { id: "fc_1", type: "function_call", call_id: "call_1", name: "get_weather", arguments: "" };
    const { events } = run([
      created,
      { type: "response.output_item.added", item },
      { type: "response.function_call_arguments.delta", item_id: "fc_1", delta: '{"city":', obfuscation: "a" },
      { type: "response.function_call_arguments.delta", item_id: "fc_1", delta: '"Oslo"}' },
      { type: "response.function_call_arguments.done", item_id: "fc_1", arguments: '{"city":"Oslo"}' },
      { type: "response.output_item.done", item: { ...item, arguments: '{"city":"Oslo"}', status: "completed" } },
      { type: "response.completed", response: { id: "resp_1", usage: null } },
    ]);
    expect(events.slice(1, 5)).toEqual([
      { type: "tool-call-start", itemId: "fc_1", callId: "call_1", name: "get_weather" },
      { type: "tool-call-delta", itemId: "fc_1", delta: '{"city":' },
      { type: "tool-call-delta", itemId: "fc_1", delta: '"Oslo"}' },
      { type: "tool-call-end", itemId: "fc_1", callId: "call_1", name: "get_weather", arguments: '{"city":"Oslo"}' },
    ]);
    expect(events[5]).toMatchObject({ type: "response-end", status: "completed", usage: undefined });
  });

  it("reports an incomplete response with its reason", () => {
    const { events } = run([
      created,
      { type: "response.incomplete", response: { id: "resp_1", incomplete_details: { reason: "max_output_tokens" } } },
    ]);
    expect(events[1]).toEqual({
      type: "response-end",
      responseId: "resp_1",
      status: "incomplete",
      usage: undefined,
      incompleteReason: "max_output_tokens",
    });
  });

  it("ends a failed response with the server's error and marks the terminal as failed", () => {
    const { events, terminal } = run([
      created,
      { type: "response.failed", response: { id: "resp_1", error: { code: "rate_limit_exceeded", message: "slow down" } } },
    ]);
    expect(events[1]).toEqual({
      type: "response-end",
      responseId: "resp_1",
      status: "failed",
      usage: undefined,
      error: { code: "rate_limit_exceeded", message: "slow down" },
    });
    expect(terminal).toEqual({ kind: "response-failed", code: "rate_limit_exceeded", message: "slow down" });
  });

  it("reads error events both nested (WebSocket mode) and at the top level (SSE)", () => {
    expect(
      run([{ type: "error", status: 400, error: { type: "invalid_request_error", code: "previous_response_not_found", message: "gone" } }])
        .terminal,
    ).toEqual({ kind: "server-error", code: "previous_response_not_found", message: "gone", status: 400 });
    expect(run([{ type: "error", code: "insufficient_quota", message: "quota", param: null }]).terminal).toEqual({
      kind: "server-error",
      code: "insufficient_quota",
      message: "quota",
      status: undefined,
    });
    expect(run([{ type: "error", error: { type: "server_error", code: null, message: "x" } }]).terminal).toMatchObject({
      code: "server_error",
    });
  });

  it("ignores unknown events, reasoning and hosted tool items, annotations and events after the terminal one", () => {
    const { events } = run([
      created,
      { type: "response.in_progress", response: { id: "resp_1" } },
      { type: "response.output_item.added", item: { id: "rs_1", type: "reasoning", summary: [] } },
      { type: "response.web_search_call.searching", item_id: "ws_1" },
      { type: "response.output_item.done", item: { id: "ws_1", type: "web_search_call" } },
      { type: "response.output_text.annotation.added", annotation: { type: "url_citation" } },
      { type: "response.future_event", future_field: true },
      { type: "response.completed", response: { id: "resp_1" } },
      { type: "response.output_text.delta", item_id: "late", delta: "late" },
    ]);
    expect(events.map((event) => event.type)).toEqual(["response-start", "response-end"]);
  });

  it("reports how the input was sent on response-start", () => {
    expect(run([created], "continuation").events[0]).toMatchObject({ input: "continuation" });
  });
});

describe("mapUsage", () => {
  it("maps floats and missing details, and returns undefined without usage", () => {
    expect(mapUsage({ input_tokens: 1.0, output_tokens: 2, total_tokens: 3 })).toEqual({
      inputTokens: 1,
      outputTokens: 2,
      totalTokens: 3,
    });
    expect(mapUsage(null)).toBeUndefined();
  });
});

describe("reasoning items", () => {
  it("maps a finished reasoning item to reasoning-end with summary text and encrypted content", async () => {
    const { createEventMapper } = await import("./event-mapper.js");
    const mapper = createEventMapper({ transport: "http", input: "full" });
    const item = { id: "rs_9", type: "reasoning", summary: [{ type: "summary_text", text: "a" }, { type: "summary_text", text: "b" }], encrypted_content: "enc" };
    expect(mapper.map({ type: "response.output_item.done", item })).toEqual({ type: "reasoning-end", itemId: "rs_9", summary: "a\nb", encryptedContent: "enc" });
    expect(mapper.map({ type: "response.output_item.done", item: { id: "rs_0", type: "reasoning", summary: [] } })).toEqual({
      type: "reasoning-end",
      itemId: "rs_0",
      summary: "",
      encryptedContent: undefined,
    });
  });
});
