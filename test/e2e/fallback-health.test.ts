import { afterEach, describe, expect, it } from "vitest";
import type { HealthChange, TransportFailure } from "@switchyard/core";
import { collect, startRig, textOf, types, type Rig } from "./test-support/rig.js";

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe("websocket fallback and transport health memory", () => {
  it("falls back once on a rejected upgrade, then goes straight to HTTP for 20 turns while cooling down", async () => {
    let now = 1_000_000;
    rig = await startRig({
      emulator: { faults: [{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket" }] },
      config: { openai: { cooldownMs: 60_000 } },
      host: { clock: () => now },
    });
    const changes: HealthChange[] = [];
    const failures: TransportFailure[] = [];
    rig.host.hooks.healthChange.tap("test", (change) => void changes.push(change));
    rig.host.hooks.transportFailure.tap("test", (failure) => void failures.push(failure));
    const session = rig.host.session("openai/gpt-5.4");
    const turns = [];
    for (let i = 0; i < 20; i++) {
      const turn = await collect(session.send(`turn ${i}`));
      expect(turn.error, `turn ${i}`).toBeUndefined();
      turns.push(turn.events);
      now += 1_000;
    }
    expect(turns[0]![0]).toMatchObject({ type: "transport-fallback", from: "websocket", to: "http", code: "SY_ERR_TRANSPORT_UPGRADE_REJECTED" });
    expect(turns[0]![1]).toMatchObject({ type: "response-start", transport: "http" });
    for (const events of turns.slice(1)) {
      expect(types(events)).not.toContain("transport-fallback");
      expect(events[0]).toMatchObject({ type: "response-start", transport: "http" });
    }
    expect(rig.emu.stats().profiles.openai.websocket.upgradesAttempted).toBe(1);
    expect(rig.emu.stats().profiles.openai.http.requests).toBe(20);
    const [entry] = rig.host.health();
    expect(entry).toMatchObject({
      provider: "openai",
      transport: "websocket",
      origin: new URL(rig.emu.url).origin,
      state: "cooling-down",
      failures: 1,
      since: 1_000_000,
      until: 1_060_000,
      lastFailure: { code: "SY_ERR_TRANSPORT_UPGRADE_REJECTED" },
    });
    const route = await rig.host.resolve("openai/gpt-5.4");
    expect(route.transport.kind).toBe("http");
    expect(route.trace.at(-1)).toMatchObject({ reason: "websocket-cooling-down", data: { until: 1_060_000 } });
    expect(changes).toEqual([expect.objectContaining({ from: "healthy", to: "cooling-down" })]);
    expect(failures).toEqual([expect.objectContaining({ provider: "openai", transport: "websocket", outcome: "fallback" })]);
  });

  it("makes exactly one half-open attempt after the cool-down; success closes the entry", async () => {
    let now = 0;
    rig = await startRig({
      emulator: { faults: [{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket", times: 1 }] },
      config: { openai: { cooldownMs: 5_000 } },
      host: { clock: () => now },
    });
    const session = rig.host.session("openai/gpt-5.4");
    expect(types((await collect(session.send("a"))).events)[0]).toBe("transport-fallback");
    now = 4_999;
    expect((await collect(session.send("b"))).events[0]).toMatchObject({ transport: "http" });
    expect(rig.emu.stats().profiles.openai.websocket.upgradesAttempted).toBe(1);
    now = 5_000;
    const probe = await collect(session.send("c"));
    expect(probe.error).toBeUndefined();
    expect(probe.events[0]).toMatchObject({ type: "response-start", transport: "websocket" });
    expect(rig.emu.stats().profiles.openai.websocket.upgradesAttempted).toBe(2);
    expect(rig.host.health()).toEqual([]);
    expect((await rig.host.resolve("openai/gpt-5.4")).transport.kind).toBe("websocket");
  });

  it("doubles the cool-down when the half-open attempt fails too", async () => {
    let now = 0;
    rig = await startRig({
      emulator: { faults: [{ kind: "upgrade-status", status: 503, profile: "openai", transport: "websocket" }] },
      config: { openai: { cooldownMs: 1_000 } },
      host: { clock: () => now },
    });
    const session = rig.host.session("openai/gpt-5.4");
    await collect(session.send("a"));
    now = 1_000;
    const probe = await collect(session.send("b"));
    expect(probe.events[0]).toMatchObject({ type: "transport-fallback" });
    expect(rig.host.health()[0]).toMatchObject({ failures: 2, cooldownMs: 2_000, until: 3_000, since: 0 });
    expect(rig.emu.stats().profiles.openai.websocket.upgradesAttempted).toBe(2);
  });

  it("falls back when the stream is cut before the first event", async () => {
    rig = await startRig({ emulator: { faults: [{ kind: "cut", afterEvents: 0, profile: "openai", transport: "websocket", times: 1 }] } });
    const { events, error } = await collect(rig.host.session("openai/gpt-5.4").send("hello there"));
    expect(error).toBeUndefined();
    expect(events[0]).toMatchObject({ type: "transport-fallback", code: "SY_ERR_TRANSPORT_CLOSED_EARLY" });
    expect(events[1]).toMatchObject({ type: "response-start", transport: "http" });
    expect(events.at(-1)).toMatchObject({ type: "response-end", status: "completed" });
  });

  it("fails with a coded error and no fallback when the stream is cut after the first event, duplicating nothing", async () => {
    rig = await startRig({ emulator: { faults: [{ kind: "cut", afterEvents: 3, profile: "openai", transport: "websocket", times: 1 }] } });
    const session = rig.host.session("openai/gpt-5.4");
    const { events, error } = await collect(session.send("hello there"));
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_CLOSED_EARLY", details: { phase: "after-first-event", fallbackWorthy: false } });
    expect(types(events)).not.toContain("transport-fallback");
    expect(events.filter((event) => event.type === "response-start")).toHaveLength(1);
    expect(rig.emu.stats().profiles.openai.http.requests).toBe(0);
    expect(rig.host.health()).toEqual([]);
    // The failed turn left the conversation unchanged: the next turn works and starts afresh.
    const retry = await collect(session.send("hello there"));
    expect(retry.error).toBeUndefined();
    expect(textOf(retry.events).length).toBeGreaterThan(0);
    expect(session.items()).toHaveLength(2);
  });

  it("never downgrades under policy websocket: the turn fails with the transport's coded error", async () => {
    rig = await startRig({ emulator: { faults: [{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket" }] } });
    const { events, error } = await collect(rig.host.session("openai/gpt-5.4", { transport: "websocket" }).send("x"));
    expect(events).toEqual([]);
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_UPGRADE_REJECTED", details: { status: 500 } });
    expect(rig.emu.stats().profiles.openai.http.requests).toBe(0);
  });

  it("does not fall back on an HTTP-level refusal that HTTP would get too (usage limit on codex)", async () => {
    rig = await startRig({
      config: { "openai-codex": { allowExperimental: true } },
      emulator: { faults: [{ kind: "error-event", code: "usage_limit_reached", profile: "openai-codex", transport: "websocket", times: 1 }] },
    });
    const { error } = await collect(rig.host.session("openai-codex/gpt-5.4", { instructions: "x" }).send("hi"));
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_SERVER_ERROR", details: { serverCode: "usage_limit_reached" } });
    expect(rig.host.health()).toEqual([]);
  });
});
