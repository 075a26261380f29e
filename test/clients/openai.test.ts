/**
 * The official `openai` package against every dialect: create (streamed and not), stream(),
 * parse() with a zod format, and ResponsesWS, each with a tool round trip and a second turn.
 */
import OpenAI from "openai";
import { zodTextFormat } from "openai/helpers/zod";
import type { ResponseInputItem } from "openai/resources/responses/responses";
import { ResponsesWS } from "openai/resources/responses/ws";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { API_KEY, dialects, INSTRUCTIONS, useEmulator, WEATHER_PROMPT, WEATHER_RESULT, weatherAnswer, weatherTool, type Dialect } from "./support.js";

const emu = useEmulator();

const client = (dialect: Dialect): OpenAI => new OpenAI({ apiKey: API_KEY, baseURL: emu.current.endpoints[dialect.profile].baseUrl, maxRetries: 0 });
/** What each dialect needs on every request: codex stores nothing and takes instructions. */
const rules = (dialect: Dialect) => (dialect.codex ? { store: false, instructions: INSTRUCTIONS } : { instructions: INSTRUCTIONS });
const City = z.object({ city: z.string(), country: z.string() });

describe.each(dialects)("openai SDK on $profile", (dialect) => {
  const { model } = dialect;

  it("streams responses.create through a tool round trip and a second turn", async () => {
    const sdk = client(dialect);
    const history: ResponseInputItem[] = [{ role: "user", content: WEATHER_PROMPT }];
    const first = await sdk.responses.create({ model, input: history, tools: [weatherTool], stream: true, ...rules(dialect) });
    const types: string[] = [];
    let call: { call_id: string; name: string; arguments: string } | undefined;
    let output: ResponseInputItem[] = [];
    for await (const event of first) {
      types.push(event.type);
      if (event.type === "response.output_item.done" && event.item.type === "function_call") call = event.item;
      if (event.type === "response.completed") output = event.response.output as ResponseInputItem[];
    }
    expect(types).toContain("response.function_call_arguments.delta");
    expect(call).toMatchObject({ name: "get_weather", arguments: '{"city":"Paris"}' });
    history.push(...output, { type: "function_call_output", call_id: call?.call_id ?? "", output: JSON.stringify(WEATHER_RESULT) });
    const second = await sdk.responses.create({ model, input: history, tools: [weatherTool], stream: true, ...rules(dialect) });
    let text = "";
    for await (const event of second) if (event.type === "response.output_text.delta") text += event.delta;
    expect(text).toBe(weatherAnswer);
  });

  it("runs responses.stream() to a final response with the tool call, then the answer", async () => {
    const sdk = client(dialect);
    const first = await sdk.responses.stream({ model, input: WEATHER_PROMPT, tools: [weatherTool], ...rules(dialect) }).finalResponse();
    const call = first.output.find((item) => item.type === "function_call");
    expect(call).toMatchObject({ name: "get_weather" });
    const input: ResponseInputItem[] = [
      { role: "user", content: WEATHER_PROMPT },
      ...(first.output as ResponseInputItem[]),
      { type: "function_call_output", call_id: call?.type === "function_call" ? call.call_id : "", output: "rain" },
    ];
    const second = await sdk.responses.stream({ model, input, tools: [weatherTool], ...rules(dialect) }).finalResponse();
    expect(second.output_text).toBe("The get_weather tool returned: rain");
  });

  it("parses a zod text format into a typed object", async () => {
    const sdk = client(dialect);
    const format = { text: { format: zodTextFormat(City, "city") } };
    const parsed = dialect.codex
      ? await sdk.responses.stream({ model, input: "Name a city in France.", ...format, ...rules(dialect) }).finalResponse()
      : await sdk.responses.parse({ model, input: "Name a city in France.", ...format, ...rules(dialect) });
    expect(City.parse(parsed.output_parsed)).toEqual({ city: expect.any(String), country: expect.any(String) });
  });

  it(dialect.codex ? "is refused without stream: true with the backend's 400 detail and a request id" : "answers a non-streamed create with the tool call and a request id", async () => {
    const request = client(dialect).responses.create({ model, input: WEATHER_PROMPT, tools: [weatherTool], ...rules(dialect) });
    if (dialect.codex) {
      await expect(request).rejects.toMatchObject({ status: 400, message: expect.stringContaining("Stream must be set to true"), requestID: expect.stringMatching(/^req_/) });
      return;
    }
    const response = await request;
    expect(response.output[0]).toMatchObject({ type: "function_call", name: "get_weather", arguments: '{"city":"Paris"}' });
    expect(response._request_id).toMatch(/^req_/);
  });

  it("holds a tool round trip and a second turn over ResponsesWS with previous_response_id", async () => {
    const ws = new ResponsesWS(client(dialect));
    try {
      const turn = (body: Record<string, unknown>): Promise<{ id: string; output: Array<Record<string, unknown>> }> =>
        new Promise((resolve, reject) => {
          const done = (event: { response: { id: string; output: unknown[] } }): void => {
            ws.off("response.completed", done);
            resolve(event.response as { id: string; output: Array<Record<string, unknown>> });
          };
          ws.on("response.completed", done);
          ws.on("error", reject);
          ws.send({ type: "response.create", model, store: false, ...rules(dialect), ...body } as never);
        });
      const first = await turn({ input: WEATHER_PROMPT, tools: [weatherTool] });
      const call = first.output.find((item) => item["type"] === "function_call");
      expect(call).toMatchObject({ name: "get_weather", arguments: '{"city":"Paris"}' });
      const second = await turn({ previous_response_id: first.id, tools: [weatherTool], input: [{ type: "function_call_output", call_id: call?.["call_id"], output: "snow" }] });
      expect(second.output).toMatchObject([{ type: "message", content: [{ text: "The get_weather tool returned: snow" }] }]);
      const third = await turn({ previous_response_id: second.id, input: "thanks" });
      expect(third.output).toMatchObject([{ content: [{ text: "You said: thanks" }] }]);
    } finally {
      ws.close();
    }
  });
});
