/**
 * `@openai/agents`: the Responses model over HTTP and its websocket mode, on every dialect, with a
 * tool round trip, a structured `outputType` and a second turn that carries the history.
 */
import { Agent, OpenAIProvider, Runner, tool, type AgentInputItem } from "@openai/agents";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { API_KEY, dialects, INSTRUCTIONS, requestsSince, useEmulator, useGlobalWebSocket, WEATHER_PROMPT, WEATHER_RESULT, weatherAnswer, type Dialect } from "./support.js";

const emu = useEmulator();

useGlobalWebSocket();

const getWeather = tool({
  name: "get_weather",
  description: "Current weather for a city",
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => JSON.stringify({ ...WEATHER_RESULT, city }),
});

function runner(dialect: Dialect, websocket: boolean): { runner: Runner; provider: OpenAIProvider } {
  const provider = new OpenAIProvider({
    apiKey: API_KEY,
    baseURL: emu.current.endpoints[dialect.profile].baseUrl,
    useResponses: true,
    useResponsesWebSocket: websocket,
  });
  return { provider, runner: new Runner({ modelProvider: provider, tracingDisabled: true }) };
}

// The codex backend stores nothing: the agent sends its history back each turn (store: false).
const settings = (dialect: Dialect) => (dialect.codex ? { store: false } : {});

/** One streamed run to its end (the codex backend only streams over HTTP). */
async function streamedRun(run: Runner, agent: Agent<any, any>, input: string | AgentInputItem[]) {
  const result = await run.run(agent, input, { stream: true });
  await result.completed;
  return result;
}

describe.each(dialects.flatMap((dialect) => [{ ...dialect, transport: "http" }, { ...dialect, transport: "websocket" }]))(
  "@openai/agents on $profile over $transport",
  (dialect) => {
    const websocket = dialect.transport === "websocket";

    it("runs a streamed tool round trip, then a second turn with the history", async () => {
      const { runner: run, provider } = runner(dialect, websocket);
      const from = emu.current.stats().requests.length;
      try {
        const agent = new Agent({ name: "weather", instructions: INSTRUCTIONS, model: dialect.model, tools: [getWeather], modelSettings: settings(dialect) });
        const first = await run.run(agent, WEATHER_PROMPT, { stream: true });
        let text = "";
        for await (const event of first.toTextStream()) text += event;
        await first.completed;
        expect(text).toBe(weatherAnswer);
        const calls = first.newItems.filter((item) => item.type === "tool_call_item");
        expect(calls).toHaveLength(1);
        const history: AgentInputItem[] = [...first.history, { role: "user", content: "Thanks, and again for Oslo? Use get_weather." }];
        const second = await streamedRun(run, agent, history);
        expect(second.finalOutput).toBe(`The get_weather tool returned: ${JSON.stringify({ ...WEATHER_RESULT, city: "Oslo" })}`);
        const seen = requestsSince(emu.current, dialect.profile, from);
        expect(seen.every((entry) => entry.transport === dialect.transport)).toBe(true);
        expect(seen.length).toBeGreaterThanOrEqual(4);
      } finally {
        await provider.close();
      }
    });

    it("returns a structured outputType parsed from the schema-valid answer", async () => {
      const { runner: run, provider } = runner(dialect, websocket);
      try {
        const agent = new Agent({
          name: "geographer",
          instructions: INSTRUCTIONS,
          model: dialect.model,
          outputType: z.object({ city: z.string(), country: z.string() }),
          modelSettings: settings(dialect),
        });
        const result = await streamedRun(run, agent, "Name a city in France.");
        expect(result.finalOutput).toEqual({ city: expect.any(String), country: expect.any(String) });
      } finally {
        await provider.close();
      }
    });

    it(dialect.codex && !websocket ? "is refused a non-streamed run with the backend's 400 detail" : "runs a non-streamed turn to its text", async () => {
      const { runner: run, provider } = runner(dialect, websocket);
      try {
        const agent = new Agent({ name: "echo", instructions: INSTRUCTIONS, model: dialect.model, modelSettings: settings(dialect) });
        const result = run.run(agent, "Say hi");
        if (dialect.codex && !websocket) await expect(result).rejects.toMatchObject({ status: 400, message: expect.stringContaining("Stream must be set to true") });
        else expect((await result).finalOutput).toBe("You said: Say hi");
      } finally {
        await provider.close();
      }
    });
  },
);
