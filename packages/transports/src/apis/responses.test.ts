import type { InputItem } from "@switchyard/sdk";
import { describe, expect, it } from "vitest";
import { responsesApi } from "./index.js";

const api = responsesApi("openai-responses");
const first: InputItem = { type: "message", role: "user", content: "hello" };
const next: InputItem = { type: "message", role: "user", content: "and again" };

describe("the Responses codec's request body", () => {
  it("sets input and stream itself over HTTP: the caller's input, previous_response_id, stream and background never reach the wire", () => {
    const body = { model: "gpt-5.4", temperature: 0.2, stream: false, input: "stale", previous_response_id: "resp_stale", background: true };
    const encoded = api.encode({ transport: "http", body, items: [first, next], newItems: [next] });
    expect(encoded).toEqual({ model: "gpt-5.4", temperature: 0.2, input: [first, next], stream: true });
    expect(body).toEqual({ model: "gpt-5.4", temperature: 0.2, stream: false, input: "stale", previous_response_id: "resp_stale", background: true });
  });

  it("continues over websocket with previous_response_id and only the new items, with no stream or background", () => {
    const body = { model: "gpt-5.4", stream: true, background: false };
    const encoded = api.encode({ transport: "websocket", body, items: [first, next], newItems: [next], previousResponseId: "resp_1" });
    expect(encoded).toEqual({ type: "response.create", model: "gpt-5.4", previous_response_id: "resp_1", input: [next] });
  });

  it("sends everything over websocket without a previous response, and never hands back the caller's own body object", () => {
    const body = { model: "gpt-5.4", store: false };
    const websocket = api.encode({ transport: "websocket", body, items: [first], newItems: [first] });
    expect(websocket).toEqual({ type: "response.create", model: "gpt-5.4", store: false, input: [first] });
    const http = api.encode({ transport: "http", body, items: [first], newItems: [first] });
    expect(http).toEqual({ model: "gpt-5.4", store: false, input: [first], stream: true });
    expect(http).not.toBe(body);
    expect(body).toEqual({ model: "gpt-5.4", store: false });
  });
});
