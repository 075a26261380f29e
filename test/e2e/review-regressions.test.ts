import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createHost, type HealthChange, type TransportFailure } from "@switchyard/core";
import { startEmulator, type Emulator } from "@switchyard/emulator";
import { collect, ENV, EXTENSIONS, SECRET, startRig, textOf, TOOLS, type Rig } from "./test-support/rig.js";

const FIXTURES = fileURLToPath(new URL("./__fixtures__/extensions", import.meta.url));
let rig: Rig | undefined;
const extraClose: Array<() => Promise<void>> = [];
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  for (const close of extraClose.splice(0)) await close();
});

describe("a consumer that stops at response-end", () => {
  for (const transport of ["websocket", "http"] as const) {
    it(`keeps the turn in the conversation and the ${transport} connection pooled`, async () => {
      rig = await startRig();
      const session = rig.host.session("openai/gpt-5.4", { tools: TOOLS, transport });
      let callId = "";
      for await (const event of session.send("Please call get_weather for Paris")) {
        if (event.type === "tool-call-end") callId = event.callId;
        if (event.type === "response-end") break;
      }
      expect(session.items().map((item) => item.type)).toEqual(["message", "function_call"]);
      const next = await collect(session.send([{ type: "function_call_output", call_id: callId, output: "sunny" }]));
      expect(next.error).toBeUndefined();
      expect(textOf(next.events)).toContain("sunny");
      const log = rig.emu.stats().requests.map((r) => [r.previousResponseId, r.inputItems]);
      expect(log[1]).toEqual(transport === "websocket" ? [true, 1] : [false, 3]);
      expect(rig.emu.stats().profiles.openai.websocket.upgradesAccepted).toBe(transport === "websocket" ? 1 : 0);
    });
  }
});

describe("health memory under concurrency", () => {
  it("counts one outage hit by five turns at once as one failure", async () => {
    rig = await startRig({
      emulator: { faults: [{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket" }] },
      config: { openai: { cooldownMs: 60_000 } },
    });
    const turns = await Promise.all(Array.from({ length: 5 }, (_, i) => collect(rig!.host.session("openai/gpt-5.4").send(`burst ${i}`))));
    expect(turns.every((turn) => turn.error === undefined && turn.events[0]?.type === "transport-fallback")).toBe(true);
    expect(rig.host.health()).toEqual([expect.objectContaining({ failures: 1, cooldownMs: 60_000, state: "cooling-down" })]);
  });

  it("lets exactly one of several concurrent turns make the half-open attempt", async () => {
    let now = 0;
    rig = await startRig({
      emulator: { faults: [{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket", times: 1 }] },
      config: { openai: { cooldownMs: 1_000 } },
      host: { clock: () => now },
    });
    await collect(rig.host.session("openai/gpt-5.4").send("open the cool-down"));
    now = 1_000;
    const turns = await Promise.all(Array.from({ length: 3 }, () => collect(rig!.host.session("openai/gpt-5.4").send("at probe time"))));
    expect(turns.map((turn) => turn.events[0]?.type === "response-start" && turn.events[0].transport).sort()).toEqual(["http", "http", "websocket"]);
    expect(rig.emu.stats().profiles.openai.websocket.upgradesAttempted).toBe(2);
    expect(rig.host.health()).toEqual([]);
  });

  it("frees the probe when the probing turn is aborted, so the next request probes at once", async () => {
    let now = 0;
    rig = await startRig({
      emulator: { faults: [{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket", times: 1 }] },
      config: { openai: { cooldownMs: 1_000 } },
      host: { clock: () => now },
    });
    await collect(rig.host.session("openai/gpt-5.4").send("open the cool-down"));
    now = 1_000;
    const aborted = await collect(rig.host.session("openai/gpt-5.4").send("probe", { signal: AbortSignal.abort() }));
    expect(aborted.error).toMatchObject({ code: "SY_ERR_TRANSPORT_ABORTED" });
    expect(rig.host.health()).toEqual([expect.objectContaining({ state: "probe-due" })]);
    expect((await rig.host.resolve("openai/gpt-5.4")).trace.at(-2)?.reason).toBe("half-open-probe");
  });

  it("reports each entry's state as of now, with the reason", async () => {
    let now = 0;
    rig = await startRig({
      emulator: { faults: [{ kind: "upgrade-status", status: 502, profile: "xai", transport: "websocket" }] },
      config: { xai: { cooldownMs: 500 } },
      host: { clock: () => now },
    });
    await collect(rig.host.session("xai/grok-4").send("x"));
    expect(rig.host.health()[0]).toMatchObject({ state: "cooling-down", reason: expect.stringContaining("SY_ERR_TRANSPORT_UPGRADE_REJECTED") });
    now = 500;
    expect(rig.host.health()[0]?.state).toBe("probe-due");
  });
});

describe("hooks cannot widen what credentials reach or change what happens", () => {
  it("refuses a route tap that adds an origin and points the request there", async () => {
    rig = await startRig();
    const elsewhere = rig.emu.url.replace("127.0.0.1", "localhost");
    rig.host.hooks.route.tap("widen", (route) => ({
      ...route,
      origins: [...route.origins, elsewhere],
      transport: { ...route.transport, kind: "http", url: `${elsewhere}/v1/responses`, fallback: undefined },
    }));
    const { error } = await collect(rig.host.session("openai/gpt-5.4").send("hi"));
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_ORIGIN_REFUSED" });
    expect(rig.emu.stats().requests).toEqual([]);
  });

  it("keeps a fallback when an observer tap throws, reporting it as a warning", async () => {
    rig = await startRig({ emulator: { faults: [{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket" }] } });
    const warnings: string[] = [];
    const onWarning = (warning: Error & { code?: string }) => void warnings.push(warning.code ?? "");
    process.on("warning", onWarning);
    extraClose.push(async () => void process.off("warning", onWarning));
    rig.host.hooks.transportFailure.tap("broken-metrics", () => {
      throw new Error("metrics backend down");
    });
    rig.host.hooks.event.tap("broken-logger", () => {
      throw new Error("logger down");
    });
    const { events, error } = await collect(rig.host.session("openai/gpt-5.4").send("hi"));
    expect(error).toBeUndefined();
    expect(events[0]).toMatchObject({ type: "transport-fallback" });
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toContain("SY_ERR_HOOK_OBSERVER_FAILED");
  });

  it("reports HTTP failures on transportFailure too, with outcome error", async () => {
    rig = await startRig({ emulator: { faults: [{ kind: "http-status", status: 503, profile: "openai", transport: "http" }] } });
    const failures: TransportFailure[] = [];
    rig.host.hooks.transportFailure.tap("recorder", (failure) => void failures.push(failure));
    await collect(rig.host.session("openai/gpt-5.4", { transport: "http" }).send("hi"));
    expect(failures).toEqual([expect.objectContaining({ transport: "http", outcome: "error", failure: expect.objectContaining({ code: "SY_ERR_TRANSPORT_HTTP_STATUS:server_error" }) })]);
  });
});

describe("extension code", () => {
  async function fixtureHost(emu: Emulator, id: string, env: Record<string, string>) {
    const host = await createHost({
      extensions: [FIXTURES, EXTENSIONS],
      config: { providers: { [id]: { baseUrl: emu.endpoints.openai.baseUrl, websocketUrl: emu.endpoints.openai.websocketUrl } } },
      env: { ...ENV, ...env },
    });
    extraClose.push(() => host.close());
    return host;
  }

  it("never lets a hook's error carry the credential, in the error, its cause or the extensionError payload", async () => {
    const emu = await startEmulator({ port: 0, host: "127.0.0.1" });
    extraClose.push(() => emu.close());
    const host = await fixtureHost(emu, "leaky", { LEAKY_KEY: SECRET });
    const payloads: unknown[] = [];
    host.hooks.extensionError.tap("spy", (info) => void payloads.push(info));
    const { error } = await collect(host.session("leaky/m").send("hi"));
    expect(error).toMatchObject({ code: "SY_ERR_EXTENSION_HOOK_FAILED", details: { hook: "resolveAuth" } });
    const everything = [error?.message, error?.stack, String((error?.cause as Error)?.message), String((error?.cause as Error)?.stack), JSON.stringify(payloads)].join("\n");
    expect(everything).toContain("token rejected: Bearer ‹redacted›");
    expect(everything).not.toContain(SECRET);
    expect(emu.stats().requests).toEqual([]);
  });

  it("lets classifyError keep a failure from falling back (a 401 upgrade is not an outage)", async () => {
    const emu = await startEmulator({ port: 0, host: "127.0.0.1", faults: [{ kind: "upgrade-status", status: 401, transport: "websocket" }] });
    extraClose.push(() => emu.close());
    const host = await fixtureHost(emu, "classifier", { CLASSIFIER_KEY: "k" });
    const changes: HealthChange[] = [];
    host.hooks.healthChange.tap("spy", (change) => void changes.push(change));
    const { events, error } = await collect(host.session("classifier/m").send("hi"));
    expect(events).toEqual([]);
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_UPGRADE_REJECTED", details: { status: 401 } });
    expect(host.health()).toEqual([]);
    expect(changes).toEqual([]);
    expect(emu.stats().profiles.openai.http.requests).toBe(0);
  });

  it("reports extension code as loaded only once it has been imported", async () => {
    const emu = await startEmulator({ port: 0, host: "127.0.0.1" });
    extraClose.push(() => emu.close());
    const host = await fixtureHost(emu, "leaky", {});
    expect(host.providers().providers.find((p) => p.id === "leaky")?.codeLoaded).toBe(false);
    await host.resolve("leaky/m");
    expect(host.providers().providers.find((p) => p.id === "leaky")?.codeLoaded).toBe(true);
  });
});
