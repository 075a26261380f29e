import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "./index.js";
import { httpRequest, sseJson, WireSocket } from "./test-support/wire.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

type Json = Record<string, any>;
const create = async (body: Json): Promise<{ status: number; json: Json }> => {
  const result = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { model: "gpt-5.4", ...body } });
  return { status: result.status, json: JSON.parse(result.text) as Json };
};
const stream = async (body: Json): Promise<Json[]> =>
  sseJson(await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { model: "gpt-5.4", stream: true, ...body } }));
const weather = { type: "function", name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } }, required: ["city"] } };

describe("text.format", () => {
  const schema = {
    type: "object",
    properties: {
      city: { type: "string" },
      population: { type: "integer", minimum: 1000 },
      tags: { type: "array", items: { type: "string" }, minItems: 2 },
      kind: { enum: ["capital", "town"] },
      mayor: { anyOf: [{ type: "null" }, { $ref: "#/$defs/person" }] },
    },
    required: ["city", "population", "tags", "kind", "mayor"],
    additionalProperties: false,
    $defs: { person: { type: "object", properties: { name: { type: "string" } }, required: ["name"], additionalProperties: false } },
  };

  it("answers json_schema with deterministic JSON valid for the schema", async () => {
    const body = { input: "Name a city in France.", text: { format: { type: "json_schema", name: "city", strict: true, schema } } };
    const first = await create(body);
    const value = JSON.parse(first.json["output"][0].content[0].text);
    expect(value).toEqual({ city: expect.any(String), population: 1000, tags: [expect.any(String), expect.any(String)], kind: "capital", mayor: { name: expect.any(String) } });
    expect((await create(body)).json["output"][0].content[0].text).toBe(first.json["output"][0].content[0].text);
    expect(first.json["text"]).toEqual(body.text);
  });

  it("answers json_object with a JSON object, and refuses a json_schema without a schema", async () => {
    const object = await create({ input: "hi", text: { format: { type: "json_object" } } });
    expect(JSON.parse(object.json["output"][0].content[0].text)).toEqual({ answer: "You said: hi" });
    const missing = await create({ input: "hi", text: { format: { type: "json_schema", name: "x" } } });
    expect(missing.status).toBe(400);
    expect(missing.json["error"]).toMatchObject({ param: "text.format.schema", code: "missing_required_parameter" });
  });
});

describe("tool_choice", () => {
  it("calls a tool when required or named even though the user did not name it, and never when none", async () => {
    for (const tool_choice of ["required", { type: "function", name: "get_weather" }]) {
      const answer = await create({ input: "What's the weather in Paris?", tools: [weather], tool_choice });
      expect(answer.json["output"][0]).toMatchObject({ type: "function_call", name: "get_weather", arguments: '{"city":"Paris"}' });
    }
    const none = await create({ input: "use get_weather for Paris", tools: [weather], tool_choice: "none" });
    expect(none.json["output"][0]).toMatchObject({ type: "message" });
  });

  it("refuses a named tool that is not in tools, as the API does", async () => {
    const answer = await create({ input: "x", tools: [weather], tool_choice: { type: "function", name: "get_time" } });
    expect(answer.status).toBe(400);
    expect(answer.json["error"].message).toBe("Tool choice 'function' named 'get_time' not found in 'tools' parameter.");
  });
});

describe("max_output_tokens", () => {
  it("cuts the answer and ends the stream with response.incomplete and the reason", async () => {
    const events = await stream({ input: "Write a long story.", max_output_tokens: 16, metadata: { emulator_text_deltas: "100", emulator_delta_size: "8" } });
    const last = events.at(-1) as Json;
    expect(last["type"]).toBe("response.incomplete");
    expect(last["response"]).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" }, usage: { output_tokens: 16 } });
    expect(last["response"].output[0].content[0].text).toHaveLength(64);
    expect(events.some((event) => event["type"] === "response.completed")).toBe(false);
  });

  it("refuses a budget below 16 tokens", async () => {
    const answer = await create({ input: "x", max_output_tokens: 2 });
    expect(answer.status).toBe(400);
    expect(answer.json["error"]).toMatchObject({ param: "max_output_tokens", code: "integer_below_min_value" });
  });
});

describe("reasoning", () => {
  it("yields a reasoning item with summary events and encrypted_content before the answer", async () => {
    const events = await stream({ input: "hi", reasoning: { effort: "low", summary: "auto" }, include: ["reasoning.encrypted_content"], store: false });
    const types = events.map((event) => event["type"]);
    expect(types).toContain("response.reasoning_summary_part.added");
    expect(types).toContain("response.reasoning_summary_text.delta");
    expect(types.indexOf("response.reasoning_summary_text.done")).toBeLessThan(types.indexOf("response.output_text.delta"));
    const output = (events.at(-1) as Json)["response"].output;
    expect(output.map((item: Json) => item["type"])).toEqual(["reasoning", "message"]);
    expect(output[0]).toMatchObject({ id: expect.stringMatching(/^rs_/), summary: [{ type: "summary_text" }], encrypted_content: expect.any(String) });
    expect((events.at(-1) as Json)["response"].usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    const plain = await stream({ input: "hi" });
    expect(plain.some((event) => String(event["type"]).startsWith("response.reasoning"))).toBe(false);
  });
});

describe("custom tools", () => {
  const applyPatch = { type: "custom", name: "apply_patch", format: { type: "grammar", syntax: "lark", definition: 'begin_patch: "*** Begin Patch" LF' } };

  it("answers a named freeform tool with a custom_tool_call, and its output with a text turn", async () => {
    const events = await stream({ input: "apply_patch add a file", tools: [weather, applyPatch] });
    expect(events.map((event) => event["type"])).toContain("response.custom_tool_call_input.delta");
    const call = (events.at(-1) as Json)["response"].output[0];
    expect(call).toMatchObject({ type: "custom_tool_call", name: "apply_patch", call_id: expect.stringMatching(/^call_/) });
    expect(call.input).toMatch(/^\*\*\* Begin Patch\n\*\*\* Add File: .+\n\+.+\n\*\*\* End Patch\n$/);
    const input = [{ role: "user", content: "apply_patch add a file" }, call, { type: "custom_tool_call_output", call_id: call.call_id, output: "Done!" }];
    const answer = await create({ input, tools: [applyPatch] });
    expect(answer.json["output"][0].content[0].text).toBe("The apply_patch tool returned: Done!");
  });
});

describe("compaction", () => {
  it("answers compaction_trigger with exactly one compaction item that later stands for the history", async () => {
    const socket = new WireSocket(emu.endpoints.openai.websocketUrl);
    await socket.opened;
    const history = [{ role: "user", content: "use get_weather for Paris" }];
    socket.send({ type: "response.create", model: "gpt-5.4", store: false, input: [...history, { type: "compaction_trigger" }] });
    const [done] = await socket.waitFor((message) => message.type === "response.completed");
    const output = (done!["response"] as Json)["output"];
    expect(output).toEqual([{ id: expect.stringMatching(/^cmp_/), type: "compaction", encrypted_content: expect.any(String) }]);
    await socket.close();
    const later = await create({ input: [output[0]], tools: [weather] });
    expect(later.json["output"][0]).toMatchObject({ type: "function_call", name: "get_weather" });
  });

  it("serves POST /responses/compact and refuses a compaction item it did not make", async () => {
    const result = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses/compact`, { body: { model: "gpt-5.4", input: "remember Paris", instructions: "x" } });
    const body = JSON.parse(result.text) as Json;
    expect(body).toMatchObject({ object: "response.compaction", output: [{ type: "compaction", encrypted_content: expect.any(String) }] });
    const forged = await create({ input: [{ type: "compaction", encrypted_content: "not-ours" }] });
    expect(forged.status).toBe(400);
    expect(forged.json["error"]).toMatchObject({ code: "invalid_encrypted_content" });
  });
});
