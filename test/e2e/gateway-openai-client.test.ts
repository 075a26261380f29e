import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GATEWAY_KEY, startGatewayRig, type GatewayRig } from "./test-support/gateway.js";
import { SECRET, TOOLS } from "./test-support/rig.js";

describe("gateway: the official openai client", () => {
  let rig: GatewayRig;
  let client: OpenAI;
  beforeAll(async () => {
    rig = await startGatewayRig();
    client = new OpenAI({ apiKey: GATEWAY_KEY, baseURL: `${rig.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => {
    await rig.close();
  });

  it("streams a response over SSE with the route and transport in the headers", async () => {
    const { data: stream, response } = await client.responses.create({ model: "openai/gpt-5.4", input: "Say hello", stream: true }).withResponse();
    const types: string[] = [];
    let text = "";
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_text.delta") text += event.delta;
    }
    expect(types[0]).toBe("response.created");
    expect(types.at(-1)).toBe("response.completed");
    expect(text).toContain("Say hello");
    expect(response.headers.get("x-switchyard-route")).toBe("openai/gpt-5.4");
    expect(response.headers.get("x-switchyard-transport")).toBe("websocket");
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("answers a non-streaming request with a response object whose output_text the SDK computes", async () => {
    const response = await client.responses.create({ model: "xai/grok-4", input: "Non-stream please" });
    expect(response.status).toBe("completed");
    expect(response.output_text).toContain("Non-stream please");
    expect(response.usage?.total_tokens).toBeGreaterThan(0);
  });

  it("works with responses.stream() and its final response, tool calls included", async () => {
    const stream = client.responses.stream({ model: "openai/gpt-5.4", input: "What is the weather in Paris? Use get_weather.", tools: TOOLS.map((tool) => ({ ...tool, strict: false })) });
    const final = await stream.finalResponse();
    const call = final.output.find((item) => item.type === "function_call");
    expect(call).toMatchObject({ type: "function_call", name: "get_weather" });
    expect(JSON.parse((call as { arguments: string }).arguments)).toEqual({ city: "Paris" });
  });

  it("refuses a missing or wrong key with 401 in the OpenAI shape before any provider is contacted", async () => {
    rig.emu.resetStats();
    const anonymous = await fetch(`${rig.url}/v1/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "openai/gpt-5.4", input: "x" }) });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: { message: expect.stringContaining("No gateway key"), type: "invalid_request_error", param: null, code: "SY_ERR_GATEWAY_UNAUTHORIZED" } });
    const wrong = new OpenAI({ apiKey: "sy-wrong", baseURL: `${rig.url}/v1`, maxRetries: 0 });
    await expect(wrong.responses.create({ model: "openai/gpt-5.4", input: "x" })).rejects.toMatchObject({ status: 401, code: "SY_ERR_GATEWAY_UNAUTHORIZED" });
    expect(rig.emu.stats().requests).toHaveLength(0);
  });

  it("lists provider/model ids and route aliases in /v1/models", async () => {
    const models = await client.models.list();
    const ids = models.data.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(["openai/gpt-5.4", "xai/grok-4", "openai-codex/gpt-5.4"]));
  });

  it("answers an unknown model with 404 and Switchyard's code, and never shows a provider credential", async () => {
    await expect(client.responses.create({ model: "openai/not-a-model", input: "x" })).rejects.toMatchObject({ status: 404, code: "SY_ERR_MODEL_UNKNOWN" });
    expect(rig.logs.join("\n")).not.toContain(SECRET);
    expect(rig.logs.join("\n")).not.toContain(GATEWAY_KEY);
  });
});
