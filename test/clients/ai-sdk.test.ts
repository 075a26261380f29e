/**
 * The Vercel AI SDK (`ai` + `@ai-sdk/openai`'s Responses model) on every dialect: streamText and
 * generateText with a tool the SDK executes (round trip and a second turn), and Output.object.
 */
import { createOpenAI } from "@ai-sdk/openai";
import { generateText, Output, stepCountIs, streamText, tool, type ModelMessage } from "ai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { API_KEY, dialects, INSTRUCTIONS, requestsSince, useEmulator, WEATHER_PROMPT, WEATHER_RESULT, weatherAnswer, type Dialect } from "./support.js";

const emu = useEmulator();

const model = (dialect: Dialect) => createOpenAI({ apiKey: API_KEY, baseURL: emu.current.endpoints[dialect.profile].baseUrl }).responses(dialect.model);
// The codex backend stores nothing and wants top-level instructions, set through providerOptions.
const providerOptions = (dialect: Dialect) => (dialect.codex ? { openai: { store: false, instructions: INSTRUCTIONS } } : { openai: { store: false } });
const tools = {
  get_weather: tool({
    description: "Current weather for a city",
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => ({ ...WEATHER_RESULT, city }),
  }),
};

describe.each(dialects)("AI SDK on $profile", (dialect) => {
  it("streams text through a tool round trip the SDK executes, then a second turn", async () => {
    const from = emu.current.stats().requests.length;
    const first = streamText({ model: model(dialect), system: INSTRUCTIONS, prompt: WEATHER_PROMPT, tools, stopWhen: stepCountIs(3), providerOptions: providerOptions(dialect) });
    let text = "";
    for await (const delta of first.textStream) text += delta;
    expect(text).toBe(weatherAnswer);
    const steps = await first.steps;
    expect(steps[0]?.toolCalls).toMatchObject([{ toolName: "get_weather", input: { city: "Paris" } }]);
    const messages: ModelMessage[] = [{ role: "user", content: WEATHER_PROMPT }, ...(await first.response).messages, { role: "user", content: "Thanks!" }];
    const second = streamText({ model: model(dialect), system: INSTRUCTIONS, messages, providerOptions: providerOptions(dialect) });
    expect(await second.text).toBe("You said: Thanks!");
    expect(requestsSince(emu.current, dialect.profile, from)).toHaveLength(3);
  });

  it("streams a schema-valid object with Output.object", async () => {
    const schema = z.object({ city: z.string(), country: z.string(), population: z.number().int() });
    const result = streamText({ model: model(dialect), system: INSTRUCTIONS, prompt: "Name a city in France.", output: Output.object({ schema }), providerOptions: providerOptions(dialect) });
    expect(schema.parse(await result.output)).toEqual({ city: expect.any(String), country: expect.any(String), population: expect.any(Number) });
  });

  it(dialect.codex ? "is refused generateText (not streamed) with the backend's 400 detail" : "generates text through a tool round trip and an object", async () => {
    const run = generateText({ model: model(dialect), system: INSTRUCTIONS, prompt: WEATHER_PROMPT, tools, stopWhen: stepCountIs(3), providerOptions: providerOptions(dialect), maxRetries: 0 });
    if (dialect.codex) {
      await expect(run).rejects.toMatchObject({ statusCode: 400, responseBody: '{"detail":"Stream must be set to true"}' });
      return;
    }
    expect((await run).text).toBe(weatherAnswer);
    const schema = z.object({ city: z.string(), country: z.string() });
    const object = await generateText({ model: model(dialect), prompt: "Name a city in France.", output: Output.object({ schema }), providerOptions: providerOptions(dialect) });
    expect(schema.parse(object.output)).toEqual({ city: expect.any(String), country: expect.any(String) });
  });
});
