import { fileURLToPath } from "node:url";
import { createHost } from "@switchyard/core";
import { startEmulator } from "@switchyard/emulator";
import { describeConformance } from "@switchyard/testkit";
import { describe, expect, it } from "vitest";

const folder = fileURLToPath(new URL("..", import.meta.url));

describeConformance({ extension: folder });

describe("anthropic extension", () => {
  it("posts to {baseUrl}/messages with x-api-key and anthropic-version, and no bearer token", async () => {
    const host = await createHost({ extensions: [folder], env: { ANTHROPIC_API_KEY: "sk-ant-test-1234" } });
    const route = await host.resolve("anthropic/sonnet");
    expect(route).toMatchObject({ model: "claude-sonnet-4-5", api: "anthropic-messages" });
    expect(route.transport).toMatchObject({ kind: "http", url: "https://api.anthropic.com/v1/messages", fallback: undefined });
    expect(route.transport.headers).toMatchObject({ "anthropic-version": "2023-06-01", "x-api-key": expect.not.stringContaining("sk-ant-test") });
    expect(route.transport.headers.authorization).toBeUndefined();
    await host.close();
  });

  it("refuses the model of another provider instead of sending it to Anthropic", async () => {
    const host = await createHost({ extensions: [folder], env: { ANTHROPIC_API_KEY: "k" } });
    await expect(host.resolve("anthropic/gpt-5.4")).rejects.toMatchObject({ code: "SY_ERR_MODEL_UNKNOWN" });
    await host.close();
  });

  it("probes GET {baseUrl}/models with the key and version headers a real request carries", async () => {
    const emu = await startEmulator();
    const host = await createHost({ extensions: [folder], config: { providers: { anthropic: { baseUrl: emu.endpoints.anthropic.baseUrl } } }, env: { ANTHROPIC_API_KEY: "k-probe" } });
    try {
      const [outcome] = await host.probe("anthropic", { timeoutMs: 5000 });
      expect(outcome).toMatchObject({ transport: "http", ok: true, status: 200, url: `${emu.endpoints.anthropic.baseUrl}/models` });
      expect(JSON.stringify(outcome)).not.toContain("k-probe");
    } finally {
      await host.close();
      await emu.close();
    }
  });

  it("surfaces an overloaded Messages API as a coded error naming overloaded_error", async () => {
    const emu = await startEmulator();
    const host = await createHost({
      extensions: [folder],
      config: { providers: { anthropic: { baseUrl: emu.endpoints.anthropic.baseUrl } } },
      env: { ANTHROPIC_API_KEY: "k-test" },
    });
    try {
      emu.setFaults([{ profile: "anthropic", transport: "http", kind: "http-status", status: 529, times: 1 }]);
      const session = host.session("anthropic");
      await expect(drain(session.send("hello"))).rejects.toMatchObject({ code: "SY_ERR_TRANSPORT_HTTP_STATUS", details: { status: 529, serverCode: "overloaded_error" } });
      emu.setFaults([{ profile: "anthropic", transport: "http", kind: "error-event", code: "overloaded_error", message: "Overloaded", afterEvents: 3 }]);
      await expect(drain(session.send("hello"))).rejects.toMatchObject({ code: "SY_ERR_TRANSPORT_SERVER_ERROR", details: { serverCode: "overloaded_error" } });
      emu.setFaults([]);
      const events = await drain(session.send("hello"));
      expect(events.at(-1)).toMatchObject({ type: "response-end", status: "completed" });
    } finally {
      await host.close();
      await emu.close();
    }
  });
});

async function drain(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of stream) events.push(event);
  return events;
}
