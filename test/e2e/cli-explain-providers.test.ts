import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { EXTENSIONS, runCli, tempFolders } from "./test-support/run-cli.js";

// A fixture provider whose websocket is experimental: the shipped ones are all stable now.
const EXPERIMENTAL_WS = fileURLToPath(new URL("../../packages/core/src/__fixtures__/extensions/experimental-ws", import.meta.url));
const folders = tempFolders("switchyard-cli-");
const tempCwd = folders.make;
afterEach(() => {
  folders.cleanup();
});


describe("switchyard explain", () => {
  it("shows openai-codex going to its own stable websocket at chatgpt.com, HTTP there as fallback (--json is the Route)", async () => {
    const result = await runCli(["explain", "openai-codex/gpt-5.4", "--json"]);
    expect(result.code).toBe(0);
    const route = JSON.parse(result.stdout);
    expect(route).toMatchObject({
      provider: "openai-codex",
      model: "gpt-5.4",
      api: "openai-codex-responses",
      origins: ["https://chatgpt.com"],
      transport: {
        kind: "websocket",
        url: "wss://chatgpt.com/backend-api/codex/responses",
        fallback: { kind: "http", url: "https://chatgpt.com/backend-api/codex/responses" },
      },
    });
    expect(route.trace).toContainEqual(expect.objectContaining({ check: "websocket-stability", outcome: "pass", reason: "websocket-stable" }));
  });

  it("shows an experimental websocket staying on HTTP with websocket-experimental, and refuses it forced", async () => {
    const result = await runCli(["explain", "preview/preview-1", "--json", "--extensions", EXPERIMENTAL_WS]);
    expect(result.code).toBe(0);
    const route = JSON.parse(result.stdout);
    expect(route.transport).toMatchObject({ kind: "http", url: "https://preview.example.com/v1/responses" });
    expect(route.trace).toContainEqual(expect.objectContaining({ check: "websocket-stability", outcome: "fail", reason: "websocket-experimental" }));
    const forced = await runCli(["explain", "preview/preview-1", "--transport", "websocket", "--extensions", EXPERIMENTAL_WS]);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/^switchyard: SY_ERR_SELECT_WEBSOCKET_UNAVAILABLE: .*experimental.*\n$/);
  });

  it("prints the route and every selector step as a table", async () => {
    const result = await runCli(["explain", "openai/gpt-5.4"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/transport\s+websocket wss:\/\/api\.openai\.com\/v1\/responses\s+\[websocket-selected\]/);
    expect(result.stdout).toMatch(/fallback\s+http https:\/\/api\.openai\.com\/v1\/responses/);
    expect(result.stdout).toMatch(/#\s+check\s+outcome\s+reason\s+message/);
    for (const reason of ["policy-auto", "websocket-declared", "websocket-inside-origins", "websocket-stable", "base-url-covered", "websocket-healthy", "websocket-selected"]) {
      expect(result.stdout).toContain(reason);
    }
  });

  it("never prints a credential: headers show where the secret comes from", async () => {
    const result = await runCli(["explain", "openai/gpt-5.4", "--json"], { env: { OPENAI_API_KEY: "sk-SENTINEL-cli-4242" } });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("sk-SENTINEL-cli-4242");
    expect(JSON.parse(result.stdout).transport.headers.authorization).toBe("Bearer ‹$OPENAI_API_KEY›");
  });

  it("honours --transport http and refuses a forced websocket that cannot be used", async () => {
    const http = await runCli(["explain", "openai/gpt-5.4", "--transport", "http", "--json"]);
    expect(JSON.parse(http.stdout).transport.kind).toBe("http");
    const forced = await runCli(["explain", "openai-compatible/llama3.2", "--transport", "websocket"]);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/^switchyard: SY_ERR_SELECT_WEBSOCKET_UNAVAILABLE: /);
  });

  it("fails with one coded line on an unknown provider, an invalid ref and a bad flag value", async () => {
    const unknown = await runCli(["explain", "nosuch/model"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^switchyard: SY_ERR_PROVIDER_UNKNOWN: No provider "nosuch" is loaded\. Fix: Use one of: anthropic, openai, openai-codex, openai-compatible, openai-compatible-chat, xai\.\n$/);
    const invalid = await runCli(["explain", "openai/"]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^switchyard: SY_ERR_REF_INVALID: /);
    const model = await runCli(["explain", "xai/gpt-5.4"]);
    expect(model.code).toBe(1);
    expect(model.stderr).toMatch(/^switchyard: SY_ERR_MODEL_UNKNOWN: /);
    const flag = await runCli(["explain", "openai/gpt-5.4", "--transport", "carrier-pigeon"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^switchyard: SY_ERR_CLI_BAD_ARGUMENT: switchyard explain: --transport: .*Fix: Run "switchyard explain --help"/);
    const missing = await runCli(["explain"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing <provider/model>");
  });
});

describe("switchyard providers", () => {
  it("lists the shipped providers with api, base URL, transports and origins (--json)", async () => {
    const result = await runCli(["providers", "--json"]);
    expect(result.code).toBe(0);
    const { providers, problems } = JSON.parse(result.stdout);
    expect(providers.map((provider: { id: string }) => provider.id).sort()).toEqual(["anthropic", "openai", "openai-codex", "openai-compatible", "openai-compatible-chat", "xai"]);
    expect(problems).toEqual([]);
    const codex = providers.find((provider: { id: string }) => provider.id === "openai-codex");
    expect(codex).toMatchObject({
      api: "openai-codex-responses",
      baseUrl: "https://chatgpt.com/backend-api/codex",
      origins: ["https://chatgpt.com"],
      transports: { http: { url: "https://chatgpt.com/backend-api/codex/responses" }, websocket: { stability: "stable" } },
    });
  });

  it("prints a table and reports a skipped extension with its problem", async () => {
    const cwd = tempCwd();
    const broken = path.join(cwd, "broken");
    mkdirSync(broken);
    writeFileSync(path.join(broken, "switchyard.extension.json"), JSON.stringify({ manifestVersion: 1, id: "broken", version: "0.1.0", hostApi: "^0.1.0", providers: [], colour: "red" }));
    const result = await runCli(["providers", "--extensions", EXTENSIONS, "--extensions", broken], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/provider\s+api\s+base URL\s+transports\s+origins/);
    expect(result.stdout).toMatch(/openai-codex\s+openai-codex-responses\s+https:\/\/chatgpt\.com\/backend-api\/codex\s+http, websocket \(stable\)/);
    expect(result.stdout).toContain("Skipped or with problems (1):");
    expect(result.stdout).toContain("SY_ERR_MANIFEST_UNKNOWN_KEY");
    const json = JSON.parse((await runCli(["providers", "--json", "--extensions", broken], { cwd })).stdout);
    expect(json.providers).toEqual([]);
    expect(json.problems[0].problems[0]).toMatchObject({ code: "SY_ERR_MANIFEST_UNKNOWN_KEY" });
  });

  it("finds extensions through SWITCHYARD_EXTENSIONS and refuses a path that does not exist", async () => {
    const viaEnv = await runCli(["providers", "--json"], { env: { SWITCHYARD_EXTENSIONS: path.join(EXTENSIONS, "xai") } });
    expect(JSON.parse(viaEnv.stdout).providers.map((provider: { id: string }) => provider.id)).toEqual(["xai"]);
    const missing = await runCli(["providers", "--extensions", "/nonexistent/extensions"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^switchyard: SY_ERR_CLI_EXTENSIONS_NOT_FOUND: Extensions path \/nonexistent\/extensions does not exist\./);
  });
});

describe("switchyard.config.json", () => {
  it("applies ./switchyard.config.json from the working folder", async () => {
    const cwd = tempCwd({ "switchyard.config.json": JSON.stringify({ providers: { openai: { transport: "http" } } }) });
    const result = await runCli(["explain", "openai/gpt-5.4", "--json"], { cwd });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ policy: "http", transport: { kind: "http" } });
  });

  it("rejects an unknown key with the host's coded error naming the key and the file", async () => {
    const cwd = tempCwd({ "switchyard.config.json": JSON.stringify({ providers: { openai: { baseUrl: "https://api.openai.com/v1", retries: 3 } } }) });
    const result = await runCli(["providers"], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^switchyard: SY_ERR_CONFIG_INVALID: Invalid .*switchyard\.config\.json: providers\.openai: .*retries.* Fix: .*\n$/);
  });

  it("gives coded errors for a missing --config file and for invalid JSON", async () => {
    const cwd = tempCwd({ "bad.json": "{ providers: }" });
    const missing = await runCli(["explain", "openai/gpt-5.4", "--config", "nope.json"], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^switchyard: SY_ERR_CLI_CONFIG_NOT_FOUND: Config file .*nope\.json does not exist\./);
    const invalid = await runCli(["explain", "openai/gpt-5.4", "--config", "bad.json"], { cwd });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^switchyard: SY_ERR_CLI_CONFIG_INVALID_JSON: Config file .*bad\.json is not valid JSON/);
    expect(invalid.stderr.trim().split("\n")).toHaveLength(1);
  });
});
