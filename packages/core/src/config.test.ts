import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchemaText, parseConfig } from "./config.js";

describe("host config", () => {
  it("publishes its JSON Schema for editors (run `pnpm --filter @switchyard/core generate` when this fails)", () => {
    expect(readFileSync(new URL("../schema/config.schema.json", import.meta.url), "utf8")).toBe(configJsonSchemaText());
  });

  it("accepts every documented per-provider setting", () => {
    const config = parseConfig({
      providers: {
        openai: {
          baseUrl: "https://gw.example.com/v1",
          websocketUrl: "wss://gw.example.com/v1/responses",
          transport: "auto",
          allowExperimental: false,
          headers: { "X-Team": "a" },
          cooldownMs: 1000,
          maxCooldownMs: 8000,
          timeouts: { connectMs: 1000, firstEventMs: 2000, idleMs: 3000 },
        },
      },
    });
    expect(config.providers.openai?.transport).toBe("auto");
  });

  it("rejects unknown keys and wrong values, naming each path", () => {
    expect(() => parseConfig({ providers: { openai: { transport: "smoke-signals", timeout: 5 } } })).toThrow(
      expect.objectContaining({
        code: "SY_ERR_CONFIG_INVALID",
        message: expect.stringMatching(/providers\.openai\.transport.*providers\.openai: .*timeout|providers\.openai: .*timeout.*providers\.openai\.transport/s),
      }),
    );
    expect(() => parseConfig({ providers: { openai: { websocketUrl: "https://not-a-websocket" } } })).toThrow(expect.objectContaining({ code: "SY_ERR_CONFIG_INVALID" }));
  });
});
