import { afterEach, describe, expect, it } from "vitest";
import { runCli, tempFolders } from "./test-support/run-cli.js";

const folders = tempFolders("switchyard-cli-packages-");
afterEach(() => folders.cleanup());

const acmeManifest = JSON.stringify({
  manifestVersion: 1,
  id: "acme",
  version: "1.0.0",
  hostApi: "^0.1.0",
  providers: [{ id: "acme", api: "openai-responses", baseUrl: "https://api.acme.example/v1", origins: ["https://api.acme.example"], auth: { scheme: "none" }, models: { default: "m" }, transports: { http: {} } }],
});

describe("switchyard and extension packages", () => {
  it("loads the five shipped extension packages from a folder that has none", async () => {
    const result = await runCli(["providers", "--json"], { cwd: folders.make() });
    expect(result.code, result.stderr).toBe(0);
    const { providers } = JSON.parse(result.stdout) as { providers: Array<{ id: string; file: string }> };
    expect(providers.map((provider) => provider.id)).toEqual(["anthropic", "openai", "openai-codex", "openai-compatible", "openai-compatible-chat", "xai"]);
  });

  it("resolves a package name in --extensions from the working folder's node_modules", async () => {
    const cwd = folders.make({
      "node_modules/@acme/switchyard-extension/package.json": JSON.stringify({ name: "@acme/switchyard-extension", version: "1.0.0" }),
      "node_modules/@acme/switchyard-extension/switchyard.extension.json": acmeManifest,
    });
    const result = await runCli(["providers", "--json", "--extensions", "@acme/switchyard-extension"], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const { providers, problems } = JSON.parse(result.stdout) as { providers: Array<{ id: string }>; problems: unknown[] };
    expect(providers.map((provider) => provider.id)).toEqual(["acme"]);
    expect(problems).toEqual([]);
  });

  it("refuses a package name that is not installed with SY_ERR_CLI_EXTENSIONS_NOT_FOUND (exit 2)", async () => {
    const result = await runCli(["providers", "--extensions", "@acme/not-installed"], { cwd: folders.make() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^switchyard: SY_ERR_CLI_EXTENSIONS_NOT_FOUND: Extension package @acme\/not-installed is not installed where Node resolves it from /);
  });
});
