import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createHost, type Host } from "./index.js";
import { FIXTURE_EXTENSIONS, SHIPPED_EXTENSIONS } from "./test-support/paths.js";

const env = { OPENAI_API_KEY: "sk-x", XAI_API_KEY: "xai-x" };
let host: Host | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});
const scratch = mkdtempSync(path.join(tmpdir(), "switchyard-discovery-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeExtension(name: string, provider: Record<string, unknown>, top: Record<string, unknown> = {}, parent = scratch): string {
  const folder = path.join(parent, name);
  mkdirSync(folder, { recursive: true });
  const manifest = {
    manifestVersion: 1,
    id: name,
    version: "1.0.0",
    hostApi: "^0.1.0",
    ...top,
    providers: [{ id: name, baseUrl: "https://api.example.com/v1", origins: ["https://api.example.com"], models: { default: "m" }, ...provider }],
  };
  writeFileSync(path.join(folder, "switchyard.extension.json"), JSON.stringify(manifest));
  return folder;
}

describe("discovery and loading", () => {
  it("reports a malformed manifest beside good ones, and the good ones load", async () => {
    host = await createHost({ extensions: [SHIPPED_EXTENSIONS, FIXTURE_EXTENSIONS], env });
    const { providers, problems } = host.providers();
    expect(providers.map((p) => p.id)).toEqual(expect.arrayContaining(["openai", "openai-codex", "xai", "openai-compatible", "lazy", "thrower"]));
    const broken = problems.find((p) => p.file.includes("broken-json"));
    expect(broken?.problems[0]).toMatchObject({ code: "SY_ERR_MANIFEST_INVALID_JSON", path: "" });
    expect((await host.resolve("openai/gpt-5.4")).transport.kind).toBe("websocket");
  });

  it("refuses a manifest whose websocket URL lies outside its origins", async () => {
    host = await createHost({ extensions: [FIXTURE_EXTENSIONS], env });
    const refused = host.providers().problems.find((p) => p.extension === "ws-outside-origins");
    expect(refused?.problems).toEqual([
      expect.objectContaining({ code: "SY_ERR_MANIFEST_ORIGIN_MISMATCH", path: "/providers/0/transports/websocket/url" }),
    ]);
    await expect(host.resolve("sneaky/gpt-5.4")).rejects.toMatchObject({ code: "SY_ERR_PROVIDER_UNKNOWN" });
  });

  it("refuses a second extension that declares an already loaded provider id", async () => {
    host = await createHost({ extensions: [SHIPPED_EXTENSIONS, FIXTURE_EXTENSIONS], env });
    const duplicate = host.providers().problems.find((p) => p.extension === "duplicate-openai");
    expect(duplicate?.problems[0]).toMatchObject({ code: "SY_ERR_EXTENSION_DUPLICATE_PROVIDER", path: "/providers/0/id" });
    expect((await host.resolve("openai/gpt-5.4")).baseUrl).toBe("https://api.openai.com/v1");
  });

  it("refuses a provider whose api neither the host nor any discovered extension provides", async () => {
    const unknownApi = writeExtension("gemini-ish", { api: "google-generative-ai", transports: { http: {} } });
    host = await createHost({ extensions: [unknownApi], env });
    expect(host.providers().problems[0]?.problems[0]).toMatchObject({ code: "SY_ERR_MANIFEST_UNKNOWN_API", path: "/providers/0/api" });
    expect(host.providers().problems[0]?.summary).toContain('api "google-generative-ai", which neither the host nor any loaded extension provides');
    expect(host.providers().providers).toEqual([]);
  });

  it("refuses a websocket capability on an api that only HTTP speaks", async () => {
    const folder = writeExtension("messages-over-ws", { api: "anthropic-messages", transports: { http: {}, websocket: { url: "wss://api.example.com/v1/messages" } } });
    host = await createHost({ extensions: [folder], env });
    expect(host.providers().problems[0]?.problems[0]).toMatchObject({ code: "SY_ERR_MANIFEST_UNKNOWN_API", path: "/providers/0/transports/websocket" });
  });

  it("refuses an extension whose host API range excludes this host", async () => {
    const folder = writeExtension("future", { api: "openai-responses", transports: { http: {} } });
    const file = path.join(folder, "switchyard.extension.json");
    const manifest = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(file, "utf8")));
    writeFileSync(file, JSON.stringify({ ...manifest, hostApi: "^2.0.0" }));
    host = await createHost({ extensions: [folder], env });
    expect(host.providers().problems[0]?.problems[0]).toMatchObject({ code: "SY_ERR_MANIFEST_HOST_RANGE", path: "/hostApi" });
  });

  it("reports a missing extensions path instead of failing the host", async () => {
    host = await createHost({ extensions: [path.join(scratch, "nope"), SHIPPED_EXTENSIONS], env });
    expect(host.providers().problems[0]?.problems[0]?.code).toBe("SY_ERR_DISCOVERY_PATH_NOT_FOUND");
    expect(host.providers().providers).toHaveLength(6);
  });

  it("loads an extension through a linked subfolder with its entry, skips a dangling manifest link, and loads a shared manifest once", async () => {
    const store = mkdtempSync(path.join(scratch, "store-"));
    const hooked = writeExtension("hooked", { api: "openai-responses", transports: { http: {} } }, { entry: "./index.mjs" }, store);
    // Marked as defineExtension marks it: the temp folder cannot resolve @switchyard/sdk.
    writeFileSync(
      path.join(hooked, "index.mjs"),
      'export default { [Symbol.for("switchyard.extension")]: true, id: "hooked", providers: { hooked: { normalizeModelId: (id) => (id === "house" ? "m" : undefined) } } };\n',
    );
    const plain = writeExtension("plain", { api: "openai-responses", transports: { http: {} } }, {}, store);
    const folder = mkdtempSync(path.join(scratch, "walk-"));
    symlinkSync(hooked, path.join(folder, "hooked"));
    mkdirSync(path.join(folder, "dangling"));
    symlinkSync(path.join(folder, "nowhere.json"), path.join(folder, "dangling", "switchyard.extension.json"));
    mkdirSync(path.join(folder, "plain-alias"));
    symlinkSync(path.join(plain, "switchyard.extension.json"), path.join(folder, "plain-alias", "switchyard.extension.json"));
    host = await createHost({ extensions: [folder, plain], env });
    expect(host.providers().problems).toEqual([]);
    expect(host.providers().providers.map((p) => p.id).sort()).toEqual(["hooked", "plain"]);
    expect((await host.resolve("hooked/house")).model).toBe("m");
  });

  it("reads a manifest given as a file, and reports one that is a folder as unreadable without failing the rest", async () => {
    const direct = writeExtension("direct-file", { api: "openai-responses", transports: { http: {} } });
    const odd = path.join(scratch, "odd");
    mkdirSync(path.join(odd, "switchyard.extension.json"), { recursive: true });
    host = await createHost({ extensions: [path.join(direct, "switchyard.extension.json"), odd], env });
    expect(host.providers().providers.map((p) => p.id)).toEqual(["direct-file"]);
    expect(host.providers().problems).toEqual([
      expect.objectContaining({ file: path.join(odd, "switchyard.extension.json"), problems: [expect.objectContaining({ code: "SY_ERR_DISCOVERY_UNREADABLE" })] }),
    ]);
  });

  it("imports extension code only on first use of its provider, and only once", async () => {
    const globals = globalThis as { __switchyardLazyImports?: number };
    const before = globals.__switchyardLazyImports ?? 0;
    host = await createHost({ extensions: [FIXTURE_EXTENSIONS], env });
    expect(host.providers().providers.find((p) => p.id === "lazy")?.codeLoaded).toBe(false);
    expect(globals.__switchyardLazyImports ?? 0).toBe(before);
    expect((await host.resolve("lazy/lazy-7")).model).toBe("base-7");
    expect((await host.resolve("lazy/lazy-8")).model).toBe("base-8");
    expect(globals.__switchyardLazyImports).toBe(before + 1);
    expect(host.providers().providers.find((p) => p.id === "lazy")?.codeLoaded).toBe(true);
  });

  it("loads the entries of providers resolved at once in slices of the event loop, so the first resolve need not wait for the last entry", async () => {
    const folder = mkdtempSync(path.join(scratch, "together-"));
    const ids = Array.from({ length: 6 }, (_, index) => `together-${index}`);
    for (const id of ids) {
      const extension = writeExtension(id, { api: "openai-responses", transports: { http: {} } }, { entry: "./index.mjs" }, folder);
      writeFileSync(
        path.join(extension, "index.mjs"),
        // Each entry takes longer to evaluate than a slice lasts, so each slice holds one load.
        `const until = Date.now() + 15;\nwhile (Date.now() < until);\nglobalThis.syLoadOrder.push("loaded ${id}");\nexport default { [Symbol.for("switchyard.extension")]: true, id: "${id}", providers: {} };\n`,
      );
    }
    const order: string[] = [];
    (globalThis as { syLoadOrder?: string[] }).syLoadOrder = order;
    host = await createHost({ extensions: [folder], env });
    const resolving = host;
    await Promise.all(ids.map(async (id) => order.push(`resolved ${(await resolving.resolve(`${id}/m`)).provider}`)));
    expect(order.filter((step) => step.startsWith("loaded"))).toHaveLength(ids.length);
    // Where require() loads entries synchronously, only the slices keep this order; import() interleaves on its own.
    expect(order.indexOf("resolved together-0")).toBeLessThan(order.indexOf("loaded together-5"));
  });

  it("wraps a throwing hook in a coded error naming the extension and hook; other providers keep working", async () => {
    host = await createHost({ extensions: [SHIPPED_EXTENSIONS, FIXTURE_EXTENSIONS], env });
    const reported: unknown[] = [];
    host.hooks.extensionError.tap("test-recorder", (info) => void reported.push(info));
    const error = await host.resolve("thrower/unlisted-model").catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "SY_ERR_EXTENSION_HOOK_FAILED",
      details: { extension: "thrower", provider: "thrower", hook: "normalizeModelId" },
    });
    expect((error as Error).message).toContain('Extension "thrower" hook normalizeModelId');
    expect(((error as Error).cause as Error).message).toBe("cannot normalize unlisted-model");
    expect(reported).toEqual([expect.objectContaining({ extension: "thrower", hook: "normalizeModelId", code: "SY_ERR_EXTENSION_HOOK_FAILED" })]);
    expect((await host.resolve("thrower/fine")).model).toBe("fine");
    expect((await host.resolve("xai/grok-4")).transport.kind).toBe("websocket");
  });

  it("rejects config with unknown keys, saying which", async () => {
    await expect(createHost({ extensions: [SHIPPED_EXTENSIONS], config: { providers: { openai: { baseURL: "https://x" } } } })).rejects.toMatchObject({
      code: "SY_ERR_CONFIG_INVALID",
      message: expect.stringContaining("baseURL"),
    });
    await expect(createHost({ config: { provider: {} } })).rejects.toMatchObject({ code: "SY_ERR_CONFIG_INVALID" });
  });

  it("reports config for a provider no extension declares, without failing the others", async () => {
    host = await createHost({ extensions: [SHIPPED_EXTENSIONS], config: { providers: { opnai: { transport: "http" } } }, env });
    expect(host.providers().problems[0]?.problems[0]).toMatchObject({ code: "SY_ERR_CONFIG_UNKNOWN_PROVIDER", severity: "warning" });
    expect((await host.resolve("openai/gpt-5.4")).transport.kind).toBe("websocket");
  });
});
