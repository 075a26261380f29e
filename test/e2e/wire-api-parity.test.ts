import type { UnifiedEvent } from "@switchyard/sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collect, startRig, TOOLS, type Rig } from "./test-support/rig.js";

const REFS = ["openai/gpt-5.4", "anthropic/claude-sonnet-4-5", "openai-compatible-chat/llama3.2:3b"] as const;

let rig: Rig;
beforeEach(async () => {
  rig = await startRig();
});
afterEach(async () => {
  await rig.close();
});

async function events(stream: AsyncIterable<UnifiedEvent>): Promise<UnifiedEvent[]> {
  const { events: received, error } = await collect(stream);
  if (error) throw error;
  return received;
}

/**
 * The events without what each wire API names its own way: ids, the echoed model, the transport,
 * and reasoningTokens, which the Messages API does not report separately.
 */
function portable(events: UnifiedEvent[]): unknown[] {
  return events.map((event) => {
    const { itemId: _item, responseId: _response, callId: _call, model: _model, transport: _transport, input: _input, ...rest } = event as Record<string, unknown>;
    if (event.type !== "response-end" || !event.usage) return rest;
    const { reasoningTokens: _reasoning, ...usage } = event.usage;
    return { ...rest, usage };
  });
}

/** Three turns: the model calls get_weather, answers its result, then answers a follow-up. */
async function conversation(ref: string): Promise<{ turns: UnifiedEvent[][]; transport: string }> {
  const session = rig.host.session(ref, { instructions: "You are terse.", tools: TOOLS });
  const first = await events(session.send("What is the weather in Paris? Use get_weather."));
  const call = first.find((event) => event.type === "tool-call-end");
  if (call?.type !== "tool-call-end") throw new Error(`${ref}: no tool call`);
  const second = await events(session.send([{ type: "function_call_output", call_id: call.callId, output: '{"forecast":"sunny","temperatureC":21}' }]));
  const third = await events(session.send("Thanks. Anything else?"));
  const start = first[0];
  return { turns: [first, second, third], transport: start?.type === "response-start" ? start.transport : "?" };
}

describe("one conversation on three wire APIs", () => {
  it("gives the same unified events on openai (Responses), anthropic (Messages) and openai-compatible (Chat Completions)", async () => {
    const results = await Promise.all(REFS.map((ref) => conversation(ref)));
    const [responses, messages, chat] = results.map((result) => result.turns.map(portable));
    expect(messages).toEqual(responses);
    expect(chat).toEqual(responses);
    // The shared shape, spelled out once.
    const [call, answer, followUp] = responses as unknown[][];
    expect(call?.map((event) => (event as { type: string }).type)).toEqual(["response-start", "tool-call-start", "tool-call-delta", "tool-call-delta", "tool-call-delta", "tool-call-delta", "tool-call-end", "response-end"]);
    expect(call?.at(-2)).toEqual({ type: "tool-call-end", name: "get_weather", arguments: '{"city":"Paris"}' });
    expect(answer?.at(-2)).toEqual({ type: "text-end", text: 'The get_weather tool returned: {"forecast":"sunny","temperatureC":21}' });
    expect(followUp?.at(-2)).toEqual({ type: "text-end", text: "You said: Thanks. Anything else?" });
    expect(followUp?.at(-1)).toMatchObject({ type: "response-end", status: "completed", usage: { inputTokens: expect.any(Number), totalTokens: expect.any(Number) } });
    expect(results.map((result) => result.transport)).toEqual(["websocket", "http", "http"]);
  });

  it("sends each api its own request shape and credential header", async () => {
    await Promise.all(REFS.map((ref) => conversation(ref)));
    const paths = rig.emu.stats().requests.map((request) => `${request.profile} ${request.transport} ${request.path}`);
    expect(new Set(paths)).toEqual(new Set(["openai websocket /v1/responses", "anthropic http /anthropic/v1/messages", "openai http /v1/chat/completions"]));
    expect(rig.emu.stats().requests.every((request) => request.credentials)).toBe(true);
  });
});
