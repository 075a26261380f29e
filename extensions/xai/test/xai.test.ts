import { fileURLToPath } from "node:url";
import { createHost } from "@switchyard/core";
import { describeConformance } from "@switchyard/testkit";
import { describe, expect, it } from "vitest";

const folder = fileURLToPath(new URL("..", import.meta.url));

describeConformance({ extension: folder, profiles: { xai: "xai" } });

describe("xai extension", () => {
  it("declares its own websocket at wss://api.x.ai/v1/responses: 25-minute connections, one response in flight", async () => {
    const host = await createHost({ extensions: [folder], env: { XAI_API_KEY: "k" } });
    expect(host.providers().providers[0]?.transports.websocket).toEqual({ url: "wss://api.x.ai/v1/responses", stability: "stable", maxConnectionAgeMs: 1_500_000, maxInFlight: 1 });
    const route = await host.resolve("xai/grok-code-fast-1");
    expect(route.transport).toMatchObject({ kind: "websocket", url: "wss://api.x.ai/v1/responses", fallback: { url: "https://api.x.ai/v1/responses" } });
    await expect(host.resolve("xai/gpt-5.4")).rejects.toMatchObject({ code: "SY_ERR_MODEL_UNKNOWN" });
    await host.close();
  });
});
