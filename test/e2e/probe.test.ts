import { afterEach, describe, expect, it } from "vitest";
import { SECRET, startRig, type Rig } from "./test-support/rig.js";

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe("host.probe", () => {
  it("checks HTTP and websocket with the credentials a real request carries, reporting no secret", async () => {
    rig = await startRig();
    const outcomes = await rig.host.probe("openai");
    expect(outcomes).toEqual([
      expect.objectContaining({ transport: "http", url: `${rig.emu.endpoints.openai.baseUrl}/models`, ok: true, status: 200, credentials: "sent" }),
      expect.objectContaining({ transport: "websocket", url: rig.emu.endpoints.openai.websocketUrl, ok: true, status: 101, stability: "stable", credentials: "sent" }),
    ]);
    const stats = rig.emu.stats().profiles.openai;
    expect(stats.websocket).toMatchObject({ upgradesAttempted: 1, upgradesAccepted: 1, credentialsSeen: 1, requests: 0 });
    expect(JSON.stringify(outcomes)).not.toContain(SECRET);
  });

  it("reports missing credentials instead of failing, and the endpoint's refusal", async () => {
    rig = await startRig({ host: { env: {} } });
    const outcomes = await rig.host.probe("xai");
    expect(outcomes.map((o) => [o.transport, o.ok, o.status, o.credentials])).toEqual([
      ["http", false, 401, "not set"],
      ["websocket", false, 401, "not set"],
    ]);
  });

  it("shows a rejected upgrade on a declared websocket, with the capability's stability", async () => {
    rig = await startRig({
      emulator: { faults: [{ kind: "upgrade-status", status: 500, profile: "openai-codex", transport: "websocket" }] },
    });
    const [http, websocket] = await rig.host.probe("openai-codex");
    expect(http).toMatchObject({ ok: true });
    expect(websocket).toMatchObject({ ok: false, status: 500, stability: "stable", detail: expect.stringContaining("HTTP 500") });
  });

  it("names the loaded providers for an unknown one", async () => {
    rig = await startRig();
    await expect(rig.host.probe("nope")).rejects.toMatchObject({ code: "SY_ERR_PROVIDER_UNKNOWN", message: expect.stringContaining("openai-codex") });
  });
});
