import { startEmulator, type Emulator } from "@switchyard/emulator";
import type { UnifiedEvent } from "@switchyard/sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHost, type Host } from "./host.js";
import { SHIPPED_EXTENSIONS } from "./test-support/paths.js";

const env = { OPENAI_API_KEY: "sk-openai-test", XAI_API_KEY: "xai-test" };

describe("routes and failover", () => {
  let emu: Emulator;
  let host: Host | undefined;
  beforeEach(async () => {
    emu = await startEmulator({ port: 0, host: "127.0.0.1" });
  });
  afterEach(async () => {
    await host?.close();
    host = undefined;
    await emu.close();
  });

  const open = (routes: Record<string, string[]>) =>
    createHost({
      extensions: [SHIPPED_EXTENSIONS],
      env,
      config: { providers: { openai: { ...emu.endpoints.openai, transport: "http" }, xai: { ...emu.endpoints.xai, transport: "http" } }, routes },
    });

  it("answers from the next candidate when the first one's upstream answers 500, with that candidate's own URL and credential", async () => {
    host = await open({ main: ["openai/gpt-5.4", "xai/grok-4"] });
    emu.setFaults([{ kind: "http-status", status: 500, profile: "openai", transport: "http" }]);
    const events: UnifiedEvent[] = [];
    for await (const event of host.session("main").send("hello")) events.push(event);
    expect(events[0]).toMatchObject({ type: "route-failover", route: "main", from: "openai/gpt-5.4", to: "xai/grok-4", code: "SY_ERR_TRANSPORT_HTTP_STATUS" });
    expect(events.at(-1)).toMatchObject({ type: "response-end", status: "completed" });
    const requests = emu.stats().requests.map((request) => `${request.profile} ${request.path} ${request.model}`);
    expect(requests).toEqual(["openai /v1/responses gpt-5.4", "xai /xai/v1/responses grok-4"]);
    expect(emu.stats().profiles.xai.http.credentialsSeen).toBe(1);
  });

  it("hands the conversation to the next candidate, so its first request carries the earlier turns", async () => {
    host = await open({ main: ["openai/gpt-5.4", "xai/grok-4"] });
    const session = host.session("main");
    for await (const _ of session.send("first turn")) void _;
    emu.setFaults([{ kind: "http-status", status: 503, profile: "openai", transport: "http" }]);
    for await (const _ of session.send("second turn")) void _;
    expect(session.lastRoute?.provider).toBe("xai");
    const xai = emu.stats().requests.filter((request) => request.profile === "xai");
    // user 1, assistant 1, user 2
    expect(xai.map((request) => request.inputItems)).toEqual([3]);
    expect(session.items()).toHaveLength(4);
  });

  it("moves past candidates that cannot take the turn (not loaded, a request rule) without contacting them", async () => {
    host = await open({ main: ["nowhere/x", "openai-codex/gpt-5.4", "xai/grok-4"] });
    const events: UnifiedEvent[] = [];
    for await (const event of host.session("main").send("hello")) events.push(event);
    expect(events.filter((event) => event.type === "route-failover")).toEqual([
      expect.objectContaining({ from: "nowhere/x", to: "openai-codex/gpt-5.4", code: "SY_ERR_PROVIDER_UNKNOWN" }),
      expect.objectContaining({ from: "openai-codex/gpt-5.4", to: "xai/grok-4", code: "SY_ERR_CODEX_INSTRUCTIONS_REQUIRED" }),
    ]);
    expect(emu.stats().requests.map((request) => request.profile)).toEqual(["xai"]);
  });

  it("does not fail over on a 400: the caller's request is wrong everywhere", async () => {
    host = await open({ main: ["openai/gpt-5.4", "xai/grok-4"] });
    emu.setFaults([{ kind: "http-status", status: 400, profile: "openai", transport: "http" }]);
    const run = async () => {
      for await (const _ of host!.session("main").send("hello")) void _;
    };
    await expect(run()).rejects.toMatchObject({ code: "SY_ERR_TRANSPORT_HTTP_STATUS" });
    expect(emu.stats().requests.filter((request) => request.profile === "xai")).toHaveLength(0);
  });

  it("says SY_ERR_ROUTE_EXHAUSTED with each candidate's failure when all of them fail", async () => {
    host = await open({ main: ["openai/gpt-5.4", "xai/grok-4"] });
    emu.setFaults([{ kind: "http-status", status: 502 }]);
    const run = async () => {
      for await (const _ of host!.session("main").send("hello")) void _;
    };
    await expect(run()).rejects.toMatchObject({
      code: "SY_ERR_ROUTE_EXHAUSTED",
      details: { attempts: [{ ref: "openai/gpt-5.4", code: "SY_ERR_TRANSPORT_HTTP_STATUS" }, { ref: "xai/grok-4", code: "SY_ERR_TRANSPORT_HTTP_STATUS" }] },
    });
  });

  it("explains an alias in host.resolve(): the selected candidate, and why earlier ones were skipped", async () => {
    host = await open({ main: ["nowhere/x", "xai/grok-4", "openai/gpt-5.4"] });
    const route = await host.resolve("main");
    expect(route.provider).toBe("xai");
    expect(route.alias).toEqual({
      name: "main",
      candidates: [
        { ref: "nowhere/x", outcome: "unavailable", code: "SY_ERR_PROVIDER_UNKNOWN", message: expect.stringContaining("nowhere") },
        { ref: "xai/grok-4", outcome: "selected" },
        { ref: "openai/gpt-5.4", outcome: "standby" },
      ],
    });
  });

  it("rejects a route alias containing a slash and a candidate that is not a provider/model ref", async () => {
    await expect(createHost({ config: { routes: { "a/b": ["openai/gpt-5.4"] } } })).rejects.toMatchObject({ code: "SY_ERR_CONFIG_INVALID" });
    await expect(createHost({ config: { routes: { main: ["gpt-5.4"] } } })).rejects.toMatchObject({ code: "SY_ERR_CONFIG_INVALID" });
  });
});
