import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "./index.js";
import { WireSocket } from "./test-support/wire.js";

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe("emu.disconnect", () => {
  it("closes one profile's websockets with 1012, leaves the others open, and lets upgrade faults apply on reconnect", async () => {
    emu = await startEmulator({ port: 0 });
    const openai = new WireSocket(emu.endpoints.openai.websocketUrl);
    const xai = new WireSocket(emu.endpoints.xai.websocketUrl);
    await Promise.all([openai.opened, xai.opened]);
    emu.setFaults([{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket" }]);

    expect(emu.disconnect({ profile: "openai" })).toBe(1);
    expect(await openai.closed).toEqual({ code: 1012, reason: "emulator disconnect" });
    xai.send({ type: "response.create", model: "grok-4", input: "still here?" });
    expect((await xai.waitFor((m) => m.type === "response.completed")).length).toBe(1);

    const again = new WireSocket(emu.endpoints.openai.websocketUrl);
    await expect(again.opened).rejects.toMatchObject({ status: 500 });
    await xai.close();
  });

  it("rejects a close code that cannot be sent", async () => {
    emu = await startEmulator({ port: 0 });
    expect(() => emu!.disconnect({ code: 1006 })).toThrow(expect.objectContaining({ code: "SY_ERR_EMULATOR_OPTIONS_INVALID" }));
  });
});
