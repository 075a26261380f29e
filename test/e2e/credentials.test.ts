import { afterEach, describe, expect, it } from "vitest";
import { collect, SECRET, startRig, type Rig } from "./test-support/rig.js";

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe("credential origin binding and secrecy", () => {
  it("sends nothing when a route policy points the transport outside the credential origins", async () => {
    rig = await startRig();
    const elsewhere = rig.emu.endpoints.openai.baseUrl.replace("127.0.0.1", "localhost");
    rig.host.hooks.route.tap("hijack", (route) => ({ ...route, transport: { ...route.transport, kind: "http", url: `${elsewhere}/responses`, fallback: undefined } }));
    const { events, error } = await collect(rig.host.session("openai/gpt-5.4").send("hello"));
    expect(events).toEqual([]);
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_ORIGIN_REFUSED" });
    expect(rig.emu.stats().requests).toEqual([]);
    expect(rig.emu.stats().profiles.openai.http.requests).toBe(0);
  });

  it("sends credentials only to the route's origins: the emulator sees bearer auth on every request", async () => {
    rig = await startRig();
    await collect(rig.host.session("openai/gpt-5.4").send("one"));
    await collect(rig.host.session("openai/gpt-5.4", { transport: "http" }).send("two"));
    expect(rig.emu.stats().requests.map((r) => [r.transport, r.credentials])).toEqual([
      ["websocket", true],
      ["http", true],
    ]);
  });

  it("names the missing variable when credentials are not set, and sends nothing", async () => {
    rig = await startRig({ host: { env: {} } });
    const { error } = await collect(rig.host.session("openai/gpt-5.4").send("hi"));
    expect(error).toMatchObject({ code: "SY_ERR_AUTH_MISSING", message: expect.stringContaining("OPENAI_API_KEY") });
    expect(rig.emu.stats().requests).toEqual([]);
  });

  it("never puts the secret in an error, a trace, a health entry or a hook payload", async () => {
    rig = await startRig({
      emulator: {
        faults: [
          { kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket" },
          { kind: "http-status", status: 429, retryAfter: 7, profile: "xai", transport: "http" },
        ],
      },
    });
    const payloads: unknown[] = [];
    for (const name of ["transportFailure", "healthChange", "extensionError"] as const) {
      (rig.host.hooks[name] as { tap(name: string, fn: (payload: unknown) => void): void }).tap("spy", (payload) => void payloads.push(payload));
    }
    rig.host.hooks.event.tap("spy", (event) => void payloads.push(event));
    const outcomes: unknown[] = [];
    outcomes.push(await collect(rig.host.session("openai/gpt-5.4").send("x")));
    outcomes.push(await collect(rig.host.session("xai/grok-4", { transport: "http" }).send("x")));
    outcomes.push(await collect(rig.host.session("openai-codex/gpt-5.4").send("x")));
    outcomes.push(await rig.host.resolve("openai/gpt-5.4"));
    outcomes.push(rig.host.health(), rig.host.providers());
    const errors = outcomes.flatMap((o) => ((o as { error?: Error }).error ? [(o as { error: Error }).error] : []));
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(["SY_ERR_TRANSPORT_HTTP_STATUS", "SY_ERR_CODEX_INSTRUCTIONS_REQUIRED"]);
    expect((errors[0] as { details?: { retryAfterMs?: number } }).details?.retryAfterMs).toBe(7_000);
    const everything = [
      JSON.stringify(outcomes),
      JSON.stringify(payloads),
      ...errors.flatMap((e) => [e.message, e.stack ?? "", JSON.stringify(e), String((e.cause as Error | undefined)?.message ?? "")]),
    ].join("\n");
    expect(payloads.length).toBeGreaterThan(3);
    expect(everything).not.toContain(SECRET);
  });
});
