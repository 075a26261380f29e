import { fileURLToPath } from "node:url";
import { createHost } from "@switchyard/core";
import { startEmulator } from "@switchyard/emulator";
import { describeConformance } from "@switchyard/testkit";
import { describe, expect, it } from "vitest";

const folder = fileURLToPath(new URL("..", import.meta.url));

describeConformance({ extension: folder });

describe("openai-compatible extension", () => {
  it("talks to a local server named by OPENAI_COMPATIBLE_BASE_URL, over HTTP, with the optional key", async () => {
    const emu = await startEmulator({ port: 0, host: "127.0.0.1" });
    const env = { OPENAI_COMPATIBLE_BASE_URL: emu.endpoints.openai.baseUrl, OPENAI_COMPATIBLE_API_KEY: "local-key" };
    const host = await createHost({ extensions: [folder], env });
    const events = [];
    for await (const event of host.session("openai-compatible/llama3.2:3b").send("hello local model")) events.push(event);
    expect(events[0]).toMatchObject({ type: "response-start", transport: "http" });
    expect(emu.stats().requests).toEqual([expect.objectContaining({ model: "llama3.2:3b", transport: "http", credentials: true })]);
    await host.close();
    await emu.close();
  });

  it("sends no authorization header when no key is set: local servers usually need none", async () => {
    const host = await createHost({ extensions: [folder], env: {} });
    const route = await host.resolve("openai-compatible/qwen2.5-coder:7b");
    expect(route.transport).toMatchObject({ kind: "http", url: "http://127.0.0.1:11434/v1/responses", headers: {} });
    await host.close();
  });

  it("is loopback-only by default: a remote http base URL is refused, an https one joins the credential scope", async () => {
    const remote = await createHost({ extensions: [folder], env: { OPENAI_COMPATIBLE_BASE_URL: "http://203.0.113.7:8000/v1" } });
    await expect(remote.resolve("openai-compatible/m")).rejects.toMatchObject({ code: "SY_ERR_CONFIG_INSECURE_URL" });
    const https = await createHost({ extensions: [folder], config: { providers: { "openai-compatible": { baseUrl: "https://vllm.internal.example/v1" } } }, env: {} });
    expect((await https.resolve("openai-compatible/m")).origins).toContain("https://vllm.internal.example");
    await remote.close();
    await https.close();
  });

  it("speaks Chat Completions as openai-compatible-chat, for servers without the Responses API", async () => {
    const emu = await startEmulator({ port: 0, host: "127.0.0.1" });
    const host = await createHost({ extensions: [folder], env: { OPENAI_COMPATIBLE_BASE_URL: emu.endpoints.openai.baseUrl, OPENAI_COMPATIBLE_API_KEY: "local-key" } });
    const events = [];
    for await (const event of host.session("openai-compatible-chat/llama3.2:3b").send("hello chat server")) events.push(event);
    const text = events.flatMap((event) => (event.type === "text-delta" ? [event.delta] : [])).join("");
    expect(text).toBe("You said: hello chat server");
    expect(events.at(-1)).toMatchObject({ type: "response-end", status: "completed", usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 } });
    expect(emu.stats().requests).toEqual([expect.objectContaining({ path: "/v1/chat/completions", model: "llama3.2:3b", credentials: true })]);
    await host.close();
    await emu.close();
  });
});
