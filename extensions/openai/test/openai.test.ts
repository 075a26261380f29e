import { fileURLToPath } from "node:url";
import { createHost } from "@switchyard/core";
import { describeConformance } from "@switchyard/testkit";
import { describe, expect, it } from "vitest";

const folder = fileURLToPath(new URL("..", import.meta.url));

describeConformance({ extension: folder, profiles: { openai: "openai" } });

describe("openai extension", () => {
  it("declares a stable websocket at wss://api.openai.com/v1/responses with 60-minute connections", async () => {
    const host = await createHost({ extensions: [folder], env: {} });
    const [provider] = host.providers().providers;
    expect(provider?.transports.websocket).toEqual({ url: "wss://api.openai.com/v1/responses", stability: "stable", maxConnectionAgeMs: 3_600_000, maxInFlight: 1 });
    expect((await host.resolve("openai/gpt-5.4")).transport.url).toBe("wss://api.openai.com/v1/responses");
    await host.close();
  });

  it("sends the optional organization and project headers only when set", async () => {
    const host = await createHost({ extensions: [folder], env: { OPENAI_API_KEY: "k", OPENAI_PROJECT_ID: "proj" } });
    const headers = (await host.resolve("openai/o4-mini")).transport.headers;
    expect(headers).toMatchObject({ authorization: "Bearer ‹$OPENAI_API_KEY›", "openai-project": "‹$OPENAI_PROJECT_ID›" });
    expect(headers).not.toHaveProperty("openai-organization");
    await host.close();
  });
});
