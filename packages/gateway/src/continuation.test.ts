import type { InputItem, UnifiedEvent } from "@switchyard/sdk";
import type { ModelSession } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { ConversationCache } from "./continuation.js";
import { parseCreateRequest } from "./create-request.js";

/** A session that only holds items: the cache never calls send() or sendBatches(). */
function heldSession(items: InputItem[]): ModelSession {
  return {
    ref: "openai/gpt-5.4",
    lastRoute: undefined,
    items: () => items,
    send: async function* (): AsyncGenerator<UnifiedEvent, void, undefined> {},
    sendBatches: async function* (): AsyncGenerator<readonly UnifiedEvent[], void, undefined> {},
  };
}

const user = (content: string): InputItem => ({ role: "user", content });
const assistantAsCollected: InputItem = { type: "message", role: "assistant", content: [{ type: "output_text", text: "Hi!" }] };
// What a client resends: the response's output item, with id, status and annotations.
const assistantAsResent: InputItem = { id: "msg_1", type: "message", status: "completed", role: "assistant", content: [{ type: "output_text", text: "Hi!", annotations: [] }] };

describe("the continuation cache", () => {
  it("finds a kept conversation from a resend that carries ids and statuses the session never stored", () => {
    const cache = new ConversationCache(10);
    const session = heldSession([user("hello"), assistantAsCollected]);
    cache.keep(parseCreateRequest({ model: "openai/gpt-5.4", input: "hello" }), session, "resp_1");
    const found = cache.take(parseCreateRequest({ model: "openai/gpt-5.4", input: [user("hello"), assistantAsResent, user("again")] }));
    expect(found?.session).toBe(session);
    expect(found?.newItems).toEqual([user("again")]);
  });

  it("does not continue across different instructions, tools or parameters", () => {
    const cache = new ConversationCache(10);
    cache.keep(parseCreateRequest({ model: "openai/gpt-5.4", input: "hello", temperature: 0.2 }), heldSession([user("hello"), assistantAsCollected]), "resp_1");
    const next = [user("hello"), assistantAsResent, user("again")];
    expect(cache.take(parseCreateRequest({ model: "openai/gpt-5.4", input: next, temperature: 0.9 }))).toBeUndefined();
    expect(cache.take(parseCreateRequest({ model: "openai/gpt-5.4", input: next, temperature: 0.2, instructions: "be brief" }))).toBeUndefined();
    expect(cache.take(parseCreateRequest({ model: "xai/grok-4", input: next, temperature: 0.2 }))).toBeUndefined();
  });

  it("hands a session out once, and evicts the oldest beyond its capacity", () => {
    const cache = new ConversationCache(1);
    const request = (text: string) => parseCreateRequest({ model: "openai/gpt-5.4", input: text });
    cache.keep(request("one"), heldSession([user("one"), assistantAsCollected]), "resp_1");
    cache.keep(request("two"), heldSession([user("two"), assistantAsCollected]), "resp_2");
    expect(cache.size).toBe(1);
    expect(cache.take(parseCreateRequest({ model: "openai/gpt-5.4", input: [user("one"), assistantAsResent, user("x")] }))).toBeUndefined();
    const resend = parseCreateRequest({ model: "openai/gpt-5.4", input: [user("two"), assistantAsResent, user("x")] });
    expect(cache.take(resend)).toBeDefined();
    expect(cache.take(resend)).toBeUndefined();
  });
});
