import { afterEach, describe, expect, it } from "vitest";
import { collect, eventually, startRig, type Rig } from "./test-support/rig.js";

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe("abort and timeouts", () => {
  for (const transport of ["websocket", "http"] as const) {
    it(`aborts a ${transport} turn mid-stream with a coded error, keeps the session usable and leaves no socket open`, async () => {
      rig = await startRig({ emulator: { faults: [{ kind: "delay", betweenEventsMs: 20, profile: "openai", times: 1 }] } });
      const session = rig.host.session("openai/gpt-5.4", { transport });
      const controller = new AbortController();
      const events = [];
      let error: (Error & { code?: string }) | undefined;
      try {
        for await (const event of session.send("a long answer please", { signal: controller.signal })) {
          events.push(event);
          if (events.length === 3) controller.abort();
        }
      } catch (caught) {
        error = caught as Error & { code?: string };
      }
      expect(error?.code).toBe("SY_ERR_TRANSPORT_ABORTED");
      expect(events).toHaveLength(3);
      expect(session.items()).toEqual([]);
      const next = await collect(session.send("again"));
      expect(next.error).toBeUndefined();
      await rig.host.close();
      await eventually(() => rig!.emu.stats().openConnections === 0);
    });
  }

  it("times out waiting for the first event with a coded error naming the timeout", async () => {
    rig = await startRig({
      emulator: { faults: [{ kind: "delay", firstEventMs: 2_000, profile: "openai", transport: "http" }] },
      config: { openai: { transport: "http", timeouts: { firstEventMs: 100 } } },
    });
    const { error } = await collect(rig.host.session("openai/gpt-5.4").send("x"));
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_TIMEOUT", details: { timeout: "first-event" } });
    await rig.host.close();
    await eventually(() => rig!.emu.stats().openConnections === 0);
  });

  it("times out an idle stream between events", async () => {
    rig = await startRig({
      emulator: { faults: [{ kind: "delay", betweenEventsMs: 1_000, profile: "openai", transport: "websocket" }] },
      config: { openai: { timeouts: { idleMs: 100 } } },
    });
    const { events, error } = await collect(rig.host.session("openai/gpt-5.4").send("x"));
    expect(events.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_TIMEOUT", details: { timeout: "idle", phase: "after-first-event" } });
    await rig.host.close();
    await eventually(() => rig!.emu.stats().openConnections === 0);
  });

  it("refuses a config websocketUrl for a provider whose manifest declares no websocket", async () => {
    rig = await startRig({ config: { "openai-compatible": { websocketUrl: "ws://127.0.0.1:9/v1/responses" } } });
    await expect(rig.host.resolve("openai-compatible/llama3.2")).rejects.toMatchObject({ code: "SY_ERR_CONFIG_WEBSOCKET_NOT_DECLARED" });
    expect((await rig.host.resolve("openai/gpt-5.4")).transport.kind).toBe("websocket");
  });

  it("closes every pooled connection on host.close()", async () => {
    rig = await startRig();
    await collect(rig.host.session("openai/gpt-5.4").send("ws"));
    await collect(rig.host.session("openai/gpt-5.4", { transport: "http" }).send("http"));
    expect(rig.emu.stats().openConnections).toBeGreaterThan(0);
    await rig.host.close();
    await eventually(() => rig!.emu.stats().openConnections === 0);
    await expect(rig.host.resolve("openai/gpt-5.4")).rejects.toMatchObject({ code: "SY_ERR_HOST_CLOSED" });
  });
});
