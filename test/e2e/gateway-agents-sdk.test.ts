import { Agent, OpenAIResponsesModel, run, setTracingDisabled, tool } from "@openai/agents";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GATEWAY_KEY, startGatewayRig, type GatewayRig } from "./test-support/gateway.js";

describe("gateway: the OpenAI Agents SDK", () => {
  let rig: GatewayRig;
  beforeAll(async () => {
    setTracingDisabled(true);
    rig = await startGatewayRig();
  });
  afterAll(async () => {
    await rig.close();
  });

  it("runs an agent that calls a tool and answers with its result, through the gateway", async () => {
    const client = new OpenAI({ apiKey: GATEWAY_KEY, baseURL: `${rig.url}/v1`, maxRetries: 0 });
    const calls: string[] = [];
    const getWeather = tool({
      name: "get_weather",
      description: "Weather for a city",
      strict: false,
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: true },
      execute: async (input) => {
        calls.push(JSON.stringify(input));
        return "sunny, 21C";
      },
    });
    const agent = new Agent({ name: "weather", instructions: "Answer with the tool's result.", model: new OpenAIResponsesModel(client, "openai/gpt-5.4"), tools: [getWeather] });
    const result = await run(agent, "What is the weather in Paris? Use get_weather.");
    expect(calls).toEqual([JSON.stringify({ city: "Paris" })]);
    expect(result.finalOutput).toBe("The get_weather tool returned: sunny, 21C");
    // The SDK resends the conversation; upstream the gateway continued it.
    const upstream = rig.emu.stats().requests.filter((request) => request.profile === "openai");
    expect(upstream.map((request) => request.previousResponseId)).toEqual([false, true]);
  });
});
