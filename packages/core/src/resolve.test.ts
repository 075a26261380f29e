import { afterEach, describe, expect, it } from "vitest";
import { createHost, type Host } from "./index.js";
import { FIXTURE_EXTENSIONS, SHIPPED_EXTENSIONS } from "./test-support/paths.js";

const env = { OPENAI_API_KEY: "sk-test-resolve", XAI_API_KEY: "xai-test", OPENAI_CODEX_ACCESS_TOKEN: "tok", OPENAI_CODEX_ACCOUNT_ID: "acct" };
let host: Host | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});
async function open(config: unknown = {}, extraEnv: Record<string, string> = {}) {
  host = await createHost({ extensions: [SHIPPED_EXTENSIONS], config, env: { ...env, ...extraEnv } });
  return host;
}
const reasons = (route: { trace: Array<{ reason: string }> }) => route.trace.map((step) => step.reason);

describe("host.resolve over the shipped extensions", () => {
  it("routes openai/gpt-5.4 to the declared websocket at wss://api.openai.com/v1/responses, HTTP as fallback", async () => {
    const route = await (await open()).resolve("openai/gpt-5.4");
    expect(route).toMatchObject({ provider: "openai", model: "gpt-5.4", api: "openai-responses", baseUrl: "https://api.openai.com/v1" });
    expect(route.transport).toMatchObject({ kind: "websocket", url: "wss://api.openai.com/v1/responses", fallback: { kind: "http", url: "https://api.openai.com/v1/responses" } });
    expect(reasons(route)).toEqual(["policy-auto", "websocket-declared", "websocket-inside-origins", "websocket-stable", "base-url-covered", "websocket-healthy", "websocket-selected"]);
  });

  it("never shows a secret in the route: credential headers name their variable", async () => {
    const route = await (await open()).resolve("openai/gpt-5.4");
    expect(route.transport.headers.authorization).toBe("Bearer ‹$OPENAI_API_KEY›");
    expect(JSON.stringify(route)).not.toContain("sk-test-resolve");
  });

  it("routes openai-codex/gpt-5.4 to its own stable websocket at chatgpt.com, HTTP there as fallback", async () => {
    const route = await (await open()).resolve("openai-codex/gpt-5.4");
    expect(route.transport).toMatchObject({
      kind: "websocket",
      url: "wss://chatgpt.com/backend-api/codex/responses",
      fallback: { kind: "http", url: "https://chatgpt.com/backend-api/codex/responses" },
    });
    expect(reasons(route)).toContain("websocket-stable");
    expect(route.transport.headers["openai-beta"]).toBe("responses_websockets=2026-02-06");
  });

  it("normalizes the codex alias gpt-5.4-codex to gpt-5.4", async () => {
    expect((await (await open()).resolve("openai-codex/gpt-5.4-codex")).model).toBe("gpt-5.4");
  });

  it("keeps an experimental websocket on HTTP with websocket-experimental until config allows it", async () => {
    host = await createHost({ extensions: [FIXTURE_EXTENSIONS], env });
    const held = await host.resolve("preview/preview-1");
    expect(held.transport).toMatchObject({ kind: "http", url: "https://preview.example.com/v1/responses", fallback: undefined });
    expect(held.trace.at(-1)).toMatchObject({ check: "websocket-stability", outcome: "fail", reason: "websocket-experimental" });
    await expect(host.resolve("preview/preview-1", { transport: "websocket" })).rejects.toMatchObject({
      code: "SY_ERR_SELECT_WEBSOCKET_UNAVAILABLE",
      details: { reason: "websocket-experimental" },
    });
    await host.close();
    host = await createHost({ extensions: [FIXTURE_EXTENSIONS], config: { providers: { preview: { allowExperimental: true } } }, env });
    const allowed = await host.resolve("preview/preview-1");
    expect(allowed.transport).toMatchObject({ kind: "websocket", url: "wss://preview.example.com/v1/responses" });
    expect(reasons(allowed)).toContain("websocket-experimental-allowed");
  });

  it("never yields a websocket URL on api.openai.com for openai-codex, whatever the config", async () => {
    const configs = [
      {},
      { allowExperimental: true },
      { allowExperimental: true, transport: "websocket" },
      { allowExperimental: true, websocketUrl: "wss://api.openai.com/v1/responses" },
      { allowExperimental: true, baseUrl: "https://api.openai.com/v1" },
      { allowExperimental: true, baseUrl: "https://api.openai.com/v1", websocketUrl: "wss://api.openai.com/v1/responses" },
    ];
    for (const codex of configs) {
      const h = await createHost({ extensions: [SHIPPED_EXTENSIONS], config: { providers: { "openai-codex": codex } }, env });
      for (const transport of ["auto", "websocket", "http"] as const) {
        const outcome = await h.resolve("openai-codex/gpt-5.4", { transport }).then(
          (route) => route.transport.url,
          (error: { code: string }) => error.code,
        );
        expect(outcome, JSON.stringify({ codex, transport })).not.toMatch(/^wss?:\/\/api\.openai\.com/);
      }
      await h.close();
    }
  });

  it("refuses a codex base URL on api.openai.com: that origin belongs to provider openai", async () => {
    const h = await open({ providers: { "openai-codex": { baseUrl: "https://api.openai.com/v1" } } });
    await expect(h.resolve("openai-codex/gpt-5.4")).rejects.toMatchObject({ code: "SY_ERR_CONFIG_FOREIGN_ORIGIN" });
    expect((await h.resolve("openai/gpt-5.4")).transport.kind).toBe("websocket");
  });

  it("routes xai to wss://api.x.ai/v1/responses", async () => {
    const route = await (await open()).resolve("xai/grok-4");
    expect(route.transport).toMatchObject({ kind: "websocket", url: "wss://api.x.ai/v1/responses" });
  });

  it("uses the default model for a bare provider ref", async () => {
    expect((await (await open()).resolve("xai")).model).toBe("grok-4");
  });

  it("moves openai to HTTP with base-url-overridden when the base URL goes to another origin", async () => {
    const route = await (await open({ providers: { openai: { baseUrl: "https://gateway.example.com/v1" } } })).resolve("openai/gpt-5.4");
    expect(route.transport).toMatchObject({ kind: "http", url: "https://gateway.example.com/v1/responses" });
    expect(route.trace.at(-1)).toMatchObject({ check: "base-url", reason: "base-url-overridden" });
    expect(route.origins).toEqual(["https://api.openai.com", "https://gateway.example.com"]);
  });

  it("brings websocket back when websocketUrl is overridden on that origin too", async () => {
    const config = { providers: { openai: { baseUrl: "https://gateway.example.com/v1", websocketUrl: "wss://gateway.example.com/v1/responses" } } };
    const route = await (await open(config)).resolve("openai/gpt-5.4");
    expect(route.transport).toMatchObject({ kind: "websocket", url: "wss://gateway.example.com/v1/responses" });
  });

  it("refuses a websocketUrl outside the credential origins", async () => {
    const h = await open({ providers: { xai: { websocketUrl: "wss://elsewhere.example.com/responses" } } });
    const route = await h.resolve("xai/grok-4");
    expect(route.transport.kind).toBe("http");
    expect(route.trace.at(-1)).toMatchObject({ check: "websocket-origin", reason: "websocket-outside-origins" });
    await expect(h.resolve("xai/grok-4", { transport: "websocket" })).rejects.toMatchObject({ code: "SY_ERR_SELECT_WEBSOCKET_UNAVAILABLE" });
  });

  it("keeps HTTP under policy http and errors under policy websocket where websocket is unusable", async () => {
    const h = await open();
    expect((await h.resolve("openai/gpt-5.4", { transport: "http" })).transport).toMatchObject({ kind: "http", url: "https://api.openai.com/v1/responses" });
    await expect(h.resolve("openai-compatible/llama3.2", { transport: "websocket" })).rejects.toMatchObject({
      details: { reason: "websocket-not-declared" },
    });
  });

  it("takes openai-compatible's base URL from config or OPENAI_COMPATIBLE_BASE_URL, loopback only", async () => {
    expect((await (await open()).resolve("openai-compatible/llama3.2")).transport.url).toBe("http://127.0.0.1:11434/v1/responses");
    await host?.close();
    const fromEnv = await open({}, { OPENAI_COMPATIBLE_BASE_URL: "http://localhost:8000/v1" });
    const route = await fromEnv.resolve("openai-compatible/qwen2.5:7b");
    expect(route).toMatchObject({ baseUrlSource: "env", transport: { kind: "http", url: "http://localhost:8000/v1/responses" } });
    await host?.close();
    const insecure = await open({ providers: { "openai-compatible": { baseUrl: "http://192.0.2.10:8000/v1" } } });
    await expect(insecure.resolve("openai-compatible/llama3.2")).rejects.toMatchObject({ code: "SY_ERR_CONFIG_INSECURE_URL" });
  });

  it("names what exists when the provider or model is unknown", async () => {
    const h = await open();
    const provider = await h.resolve("mistral/large").catch((error: Error & { code: string }) => error);
    expect(provider).toMatchObject({ code: "SY_ERR_PROVIDER_UNKNOWN" });
    expect((provider as Error).message).toContain("anthropic, openai, openai-codex, openai-compatible, openai-compatible-chat, xai");
    const model = await h.resolve("xai/gpt-5.4").catch((error: Error & { code: string }) => error);
    expect(model).toMatchObject({ code: "SY_ERR_MODEL_UNKNOWN" });
    expect((model as Error).message).toContain("grok-4, grok-4-fast, grok-code-fast-1");
    await expect(h.resolve("openai/")).rejects.toMatchObject({ code: "SY_ERR_REF_INVALID" });
    await expect(h.resolve("openai-compatible")).rejects.toMatchObject({ code: "SY_ERR_MODEL_UNKNOWN" });
  });

  it("lets a named route policy veto a route with a coded error", async () => {
    const h = await open();
    h.hooks.route.tap("no-xai", (route) => {
      if (route.provider === "xai") throw new Error("xai is not allowed here");
      return route;
    });
    await expect(h.resolve("xai/grok-4")).rejects.toMatchObject({ code: "SY_ERR_ROUTE_VETOED" });
    expect((await h.resolve("openai/gpt-5.4")).provider).toBe("openai");
  });

  it("freezes the hooks object so the extension surface cannot be changed at run time", async () => {
    const h = await open();
    expect(Object.isFrozen(h.hooks)).toBe(true);
    expect(Object.keys(h.hooks)).toEqual(["route", "beforeRequest", "event", "transportFailure", "healthChange", "extensionError"]);
  });
});
