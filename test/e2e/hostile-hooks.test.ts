import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createHost, type ExtensionErrorInfo } from "@switchyard/core";
import { startEmulator } from "@switchyard/emulator";
import { collect, emulatorConfig, ENV, EXTENSIONS, startRig, textOf, type Rig } from "./test-support/rig.js";

// One provider per misbehaviour (see the fixture's index.js), all pointed at the emulator, so a
// request that slipped through would show in its stats.
const HOSTILE = fileURLToPath(new URL("./__fixtures__/extensions/hostile", import.meta.url));
const HANG_ON_LOAD = fileURLToPath(new URL("./__fixtures__/hang-on-load", import.meta.url));
const HOSTILE_IDS = ["hang-auth", "hang-shape", "string-auth", "number-auth", "crlf-auth", "null-shape", "circular-shape", "hang-on-load"];

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

// Long enough for the entry's own import on a busy machine, short enough to keep the suite quick.
const HOOK_TIMEOUT_MS = 400;

async function hostileRig(hookTimeoutMs = HOOK_TIMEOUT_MS): Promise<Rig> {
  const emu = await startEmulator({ port: 0, host: "127.0.0.1" });
  const endpoint = (id: string) => (id === "crlf-auth" ? { ...emu.endpoints.openai } : { baseUrl: emu.endpoints.openai.baseUrl });
  const config = emulatorConfig(emu, Object.fromEntries(HOSTILE_IDS.map((id) => [id, endpoint(id)])));
  const host = await createHost({ extensions: [EXTENSIONS, HOSTILE, HANG_ON_LOAD], config: { ...config, hookTimeoutMs }, env: ENV });
  return { emu, host, close: async () => (await host.close(), await emu.close()) };
}

async function expectOpenaiServes(current: Rig): Promise<void> {
  const turn = await collect(current.host.session("openai/gpt-5.4").send("still there?"));
  expect(turn.error).toBeUndefined();
  expect(textOf(turn.events).length).toBeGreaterThan(0);
}

describe("hooks that never settle", () => {
  for (const [provider, hook] of [["hang-auth", "resolveAuth"], ["hang-shape", "shapeRequest"]] as const) {
    it(`fails a turn whose ${hook} never settles with SY_ERR_EXTENSION_HOOK_TIMEOUT naming extension, provider and hook`, async () => {
      rig = await hostileRig();
      const reported: ExtensionErrorInfo[] = [];
      rig.host.hooks.extensionError.tap("test", (info) => void reported.push(info));
      const { events, error } = await collect(rig.host.session(`${provider}/m`).send("hello"));
      expect(events).toEqual([]);
      expect(error).toMatchObject({
        code: "SY_ERR_EXTENSION_HOOK_TIMEOUT",
        message: expect.stringContaining(`Extension "hostile" hook ${hook} for provider "${provider}" did not finish within ${HOOK_TIMEOUT_MS} ms`),
        details: { extension: "hostile", provider, hook, timeoutMs: HOOK_TIMEOUT_MS },
      });
      expect(reported).toEqual([expect.objectContaining({ extension: "hostile", provider, hook, code: "SY_ERR_EXTENSION_HOOK_TIMEOUT" })]);
      expect(rig.emu.stats().requests).toEqual([]);
      await expectOpenaiServes(rig);
    });
  }

  it("stops waiting for a hanging hook when the turn is aborted", async () => {
    rig = await hostileRig(60_000);
    const controller = new AbortController();
    const turn = collect(rig.host.session("hang-auth/m").send("hello", { signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    expect((await turn).error).toMatchObject({ code: "SY_ERR_EXTENSION_HOOK_ABORTED", details: { provider: "hang-auth", hook: "resolveAuth" } });
  });

  it("lets host.close() finish while a hook hangs, ending the turn with SY_ERR_HOST_CLOSED", async () => {
    rig = await hostileRig(60_000);
    await rig.host.resolve("hang-shape/m"); // imports the entry, so the turn below waits in the hook itself
    const turn = collect(rig.host.session("hang-shape/m").send("hello"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await rig.host.close();
    expect((await turn).error).toMatchObject({ code: "SY_ERR_HOST_CLOSED", details: { hook: "shapeRequest" } });
  });

  it("bounds an entry whose top-level await never settles by the same deadline, as hook load", async () => {
    rig = await hostileRig();
    await expect(rig.host.resolve("hang-on-load/m")).rejects.toMatchObject({
      code: "SY_ERR_EXTENSION_HOOK_TIMEOUT",
      details: { extension: "hang-on-load", hook: "load" },
    });
    await expectOpenaiServes(rig);
  });
});

describe("hook results", () => {
  const cases = [
    ["string-auth", "resolveAuth", "returned a string"],
    ["number-auth", "resolveAuth", "returned a number"],
    ["crlf-auth", "resolveAuth", 'header "authorization" with a control character'],
    ["null-shape", "shapeRequest", "returned null"],
    ["circular-shape", "shapeRequest", "a body that cannot be serialized as JSON"],
  ] as const;
  for (const [provider, hook, what] of cases) {
    it(`refuses what ${provider}'s ${hook} returns with SY_ERR_EXTENSION_HOOK_INVALID_RESULT, sending nothing`, async () => {
      rig = await hostileRig();
      const { error } = await collect(rig.host.session(`${provider}/m`, { transport: "http" }).send("hello"));
      expect(error).toMatchObject({ code: "SY_ERR_EXTENSION_HOOK_INVALID_RESULT", details: { extension: "hostile", provider, hook } });
      expect(error?.message).toContain(what);
      // The refused values are credentials: never quoted back.
      expect(error?.message).not.toMatch(/sk-hostile|t0ken/);
      expect(rig.emu.stats().requests).toEqual([]);
      await expectOpenaiServes(rig);
    });
  }

  it("refuses a CR/LF header from resolveAuth over websocket with the same code, not a raw TypeError", async () => {
    rig = await hostileRig();
    const { error } = await collect(rig.host.session("crlf-auth/m", { transport: "websocket" }).send("hello"));
    expect(error).toMatchObject({ code: "SY_ERR_EXTENSION_HOOK_INVALID_RESULT", details: { hook: "resolveAuth" } });
    expect(rig.emu.stats().profiles.openai.websocket.upgradesAttempted).toBe(0);
  });
});

describe("session options", () => {
  it("refuses a misspelt transport and an unknown option with SY_ERR_SESSION_OPTIONS_INVALID", async () => {
    rig = await startRig();
    const host = rig.host;
    // Cast: a JavaScript caller (or a config-driven one) has no type checker to catch these.
    expect(() => host.session("openai/gpt-5.4", { transport: "webscoket" } as never)).toThrow(
      expect.objectContaining({ code: "SY_ERR_SESSION_OPTIONS_INVALID", message: expect.stringContaining("transport") }),
    );
    expect(() => host.session("openai/gpt-5.4", { transprot: "http" } as never)).toThrow(
      expect.objectContaining({ code: "SY_ERR_SESSION_OPTIONS_INVALID", message: expect.stringContaining("transprot") }),
    );
    // Valid options of every kind still pass, including tools that are not functions.
    expect(() => host.session("openai/gpt-5.4", { transport: "http", instructions: "x", body: { temperature: 0 }, tools: [{ type: "web_search" }] as never })).not.toThrow();
    await expectOpenaiServes(rig);
  });
});
