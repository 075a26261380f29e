import { symlinkSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createHost, type Host } from "@switchyard/core";
import { startEmulator } from "@switchyard/emulator";
import { runCli, tempFolders } from "./test-support/run-cli.js";
import { collect, emulatorConfig, ENV, EXTENSIONS, startRig, textOf, type Rig } from "./test-support/rig.js";

const folders = tempFolders("switchyard-hostile-");
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  folders.cleanup();
  delete (globalThis as { __switchyardEscaped?: boolean }).__switchyardEscaped;
});

/** A manifest for one provider on the emulator's openai profile; `top` and `provider` override. */
function manifest(id: string, provider: Record<string, unknown> = {}, top: Record<string, unknown> = {}) {
  return {
    manifestVersion: 1,
    id,
    version: "1.0.0",
    hostApi: "^0.1.0",
    ...top,
    providers: [
      { id, api: "openai-responses", baseUrl: "http://127.0.0.1:9/v1", origins: ["http://127.0.0.1:*"], auth: { scheme: "none" }, models: { default: "m" }, transports: { http: {} }, ...provider },
    ],
  };
}

/** A folder of extension folders holding these manifests (as JSON values or raw text). */
function extensionsFolder(manifests: Record<string, unknown>, files: Record<string, string> = {}): string {
  const texts = Object.fromEntries(Object.entries(manifests).map(([id, m]) => [`${id}/switchyard.extension.json`, typeof m === "string" ? m : JSON.stringify(m)]));
  return folders.make({ ...texts, ...files });
}

/** An emulator and a host with the shipped extensions plus `extra`, every provider pointed at the emulator. */
async function rigWith(extra: string[], config: Record<string, Record<string, unknown>> = {}, env: Record<string, string> = {}): Promise<Rig> {
  const emu = await startEmulator({ port: 0, host: "127.0.0.1" });
  const host = await createHost({ extensions: [EXTENSIONS, ...extra], config: emulatorConfig(emu, config), env: { ...ENV, ...env } });
  return { emu, host, close: async () => (await host.close(), await emu.close()) };
}

async function expectOpenaiServes(host: Host): Promise<void> {
  const turn = await collect(host.session("openai/gpt-5.4").send("still there?"));
  expect(turn.error).toBeUndefined();
  expect(textOf(turn.events).length).toBeGreaterThan(0);
}

function problemsOf(host: Host, id: string) {
  return host.providers().problems.filter((p) => p.extension === id || p.file.includes(`/${id}/`) || p.file.endsWith(`/${id}`));
}

describe("models.accept under RE2", () => {
  it("resolves a crafted id against ^(a|a)+$ and ^((a+))+$ at once, and the host keeps serving", async () => {
    const folder = extensionsFolder({ alternation: manifest("alternation", { models: { accept: "^(a|a)+$" } }), nested: manifest("nested", { models: { accept: "^((a+))+$" } }) });
    rig = await rigWith([folder]);
    const crafted = `${"a".repeat(5_000)}!`;
    await expect(rig.host.resolve(`alternation/${crafted}`)).rejects.toMatchObject({ code: "SY_ERR_MODEL_UNKNOWN" });
    await expect(rig.host.resolve(`nested/${crafted}`)).rejects.toMatchObject({ code: "SY_ERR_MODEL_UNKNOWN" });
    expect((await rig.host.resolve("nested/aaaa")).model).toBe("aaaa");
    await expectOpenaiServes(rig.host);
  });

  it("refuses at load a pattern RE2 rejects (a back-reference), with SY_ERR_MANIFEST_BAD_PATTERN", async () => {
    rig = await rigWith([extensionsFolder({ backref: manifest("backref", { models: { accept: "^(a)\\1$" } }) })]);
    expect(problemsOf(rig.host, "backref")[0]?.problems).toEqual([expect.objectContaining({ code: "SY_ERR_MANIFEST_BAD_PATTERN", path: "/providers/0/models/accept" })]);
    await expectOpenaiServes(rig.host);
  });
});

describe("entry outside its folder", () => {
  it("refuses an absolute entry, a ../ entry and a symlink out, before any of that code runs", async () => {
    const outside = folders.make({ "outside.mjs": "globalThis.__switchyardEscaped = true;\nexport default {};\n" });
    const target = path.join(outside, "outside.mjs");
    const folder = extensionsFolder({
      absolute: manifest("absolute", {}, { entry: target }),
      // Enough ../ to reach / from any temp folder, then down to the module.
      climbing: manifest("climbing", {}, { entry: `${"../".repeat(32)}${target.slice(1)}` }),
      linked: manifest("linked", {}, { entry: "./hooks.mjs" }),
    });
    symlinkSync(target, path.join(folder, "linked", "hooks.mjs"));
    rig = await rigWith([folder]);
    for (const id of ["absolute", "climbing", "linked"]) {
      expect(problemsOf(rig.host, id)[0]?.problems, id).toEqual([expect.objectContaining({ code: "SY_ERR_MANIFEST_ENTRY_OUTSIDE", path: "/entry" })]);
      await expect(rig.host.resolve(`${id}/m`)).rejects.toMatchObject({ code: "SY_ERR_PROVIDER_UNKNOWN" });
    }
    await expectOpenaiServes(rig.host);
    expect((globalThis as { __switchyardEscaped?: boolean }).__switchyardEscaped).toBeUndefined();
  });
});

describe("credentials inside URLs", () => {
  it("refuses a manifest URL with user:password@ at load, and never shows the password", async () => {
    const folder = extensionsFolder({ userinfo: manifest("userinfo", { baseUrl: "http://admin:hunter2@127.0.0.1:9/v1" }) });
    rig = await rigWith([folder]);
    expect(problemsOf(rig.host, "userinfo")[0]?.problems).toEqual([expect.objectContaining({ code: "SY_ERR_MANIFEST_URL_CREDENTIALS", path: "/providers/0/baseUrl" })]);
    expect(JSON.stringify(rig.host.providers())).not.toContain("hunter2");
    await expectOpenaiServes(rig.host);
  });

  it("refuses a config or baseUrlEnv URL with userinfo for that provider only, and keeps it redacted everywhere", async () => {
    const emu = await startEmulator({ port: 0, host: "127.0.0.1" });
    const withPassword = emu.endpoints.openai.baseUrl.replace("http://", "http://admin:hunter2@");
    const config = emulatorConfig(emu, { xai: { baseUrl: withPassword } });
    delete config.providers["openai-compatible"];
    const host = await createHost({ extensions: [EXTENSIONS], config, env: { ...ENV, OPENAI_COMPATIBLE_BASE_URL: withPassword } });
    rig = { emu, host, close: async () => (await host.close(), await emu.close()) };
    await expect(host.resolve("xai/grok-4")).rejects.toMatchObject({ code: "SY_ERR_CONFIG_URL_CREDENTIALS", details: { provider: "xai", setting: "baseUrl" } });
    await expect(host.resolve("openai-compatible/any-model")).rejects.toMatchObject({ code: "SY_ERR_CONFIG_URL_CREDENTIALS", message: expect.stringContaining("$OPENAI_COMPATIBLE_BASE_URL") });
    const listed = host.providers().providers.find((p) => p.id === "xai");
    expect(listed?.baseUrl).toContain("‹redacted›@127.0.0.1");
    expect(JSON.stringify(host.providers())).not.toContain("hunter2");
    await expectOpenaiServes(host);
  });

  it("shows no password in `switchyard providers --json` or `explain` when config carries one", async () => {
    const cwd = folders.make({ "switchyard.config.json": JSON.stringify({ providers: { xai: { baseUrl: "https://admin:hunter2@gw.example.com/v1" } } }) });
    const providers = await runCli(["providers", "--json"], { cwd });
    expect(providers.code).toBe(0);
    expect(JSON.parse(providers.stdout).providers.find((p: { id: string }) => p.id === "xai")).toMatchObject({
      baseUrl: "https://‹redacted›@gw.example.com/v1",
      configError: expect.stringContaining("carries credentials (user:password@)"),
    });
    const explain = await runCli(["explain", "xai/grok-4"], { cwd });
    expect(explain.code).not.toBe(0);
    expect(explain.stderr).toMatch(/SY_ERR_CONFIG_URL_CREDENTIALS/);
    for (const output of [providers.stdout, providers.stderr, explain.stdout, explain.stderr]) expect(output).not.toContain("hunter2");
  });
});

describe("header names and values", () => {
  it("refuses a manifest header name with CR/LF and a value with CR/LF at load", async () => {
    const folder = extensionsFolder({
      "bad-name": manifest("bad-name", { transports: { http: { headers: { "X-A\r\nX-Injected": "1" } } } }),
      "bad-value": manifest("bad-value", { transports: { http: { headers: { "X-A": "1\r\nX-Injected: 1" } } } }),
    });
    rig = await rigWith([folder]);
    for (const id of ["bad-name", "bad-value"]) {
      expect(problemsOf(rig.host, id)[0]?.problems[0], id).toMatchObject({ code: "SY_ERR_MANIFEST_INVALID_HEADER" });
    }
    expect(problemsOf(rig.host, "bad-name")[0]?.summary).not.toMatch(/\r|\n(?!$)/);
    await expectOpenaiServes(rig.host);
  });

  it("refuses a config header value with CR/LF when the host is created, without quoting it", async () => {
    await expect(createHost({ extensions: [EXTENSIONS], config: { providers: { openai: { headers: { "X-Team": "s3cret\r\nX-Injected: 1" } } } }, env: ENV })).rejects.toMatchObject({
      code: "SY_ERR_CONFIG_INVALID",
      message: expect.stringMatching(/^(?!.*s3cret).*providers\.openai\.headers\.X-Team: a header value must not contain control characters/),
    });
  });
});

describe("symlinked extension folders", () => {
  it("follows a symlink to an extension folder once and reports a link loop, loading the rest", async () => {
    const store = extensionsFolder({ "linked-ext": manifest("linked-ext") });
    const folder = folders.make();
    symlinkSync(path.join(store, "linked-ext"), path.join(folder, "linked-ext"));
    symlinkSync(path.join(folder, "loop"), path.join(folder, "loop"));
    rig = await rigWith([folder, path.join(store, "linked-ext")]);
    expect(rig.host.providers().providers.filter((p) => p.id === "linked-ext")).toHaveLength(1);
    expect(rig.host.providers().problems).toEqual([
      expect.objectContaining({ file: path.join(folder, "loop"), problems: [expect.objectContaining({ code: "SY_ERR_DISCOVERY_SYMLINK_LOOP" })] }),
    ]);
    expect((await rig.host.resolve("linked-ext/m")).provider).toBe("linked-ext");
    await expectOpenaiServes(rig.host);
  });
});

describe("big and deep manifests", () => {
  it("refuses a manifest over 1 MiB and one nested 10 000 deep with coded problems, loading the rest", async () => {
    const folder = extensionsFolder({
      big: manifest("big", {}, { description: "x".repeat(1_200_000) }),
      deep: `{"id":"deep","description":${"[".repeat(10_000)}${"]".repeat(10_000)}}`,
    });
    rig = await rigWith([folder]);
    expect(problemsOf(rig.host, "big")[0]?.problems.map((p) => p.code)).toEqual(["SY_ERR_MANIFEST_TOO_LARGE"]);
    expect(problemsOf(rig.host, "deep")[0]?.problems.map((p) => p.code)).toEqual(["SY_ERR_MANIFEST_TOO_DEEP"]);
    await expectOpenaiServes(rig.host);
  });
});

describe("config cross-checks", () => {
  it("refuses maxCooldownMs below cooldownMs with SY_ERR_CONFIG_INVALID at the path", async () => {
    await expect(createHost({ extensions: [EXTENSIONS], config: { providers: { openai: { cooldownMs: 60_000, maxCooldownMs: 1_000 } } }, env: ENV })).rejects.toMatchObject({
      code: "SY_ERR_CONFIG_INVALID",
      message: expect.stringContaining("providers.openai.maxCooldownMs: maxCooldownMs is smaller than cooldownMs"),
    });
    rig = await startRig({ config: { openai: { cooldownMs: 1_000, maxCooldownMs: 1_000 } } });
    await expectOpenaiServes(rig.host);
  });
});
