import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseManifest } from "@switchyard/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, tempFolders } from "./test-support/run-cli.js";

// The scaffold's own npm test and lint run in test/install (they need the packed packages).
const folders = tempFolders("switchyard-cli-new-");
afterEach(() => folders.cleanup());

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}

describe("switchyard new extension", () => {
  it("writes a project whose manifest parses, with $schema from node_modules, entry in dist and test/lint scripts", async () => {
    const cwd = folders.make();
    const result = await runCli(["new", "extension", "acme", "--json"], { cwd });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const { dir, files } = JSON.parse(result.stdout) as { dir: string; files: string[] };
    expect(dir).toBe(path.join(cwd, "acme"));
    expect(files.sort()).toEqual([".gitignore", "README.md", "package.json", "src/index.ts", "switchyard.extension.json", "test/conformance.test.ts", "test/hooks.test.ts", "tsconfig.json"]);
    const text = readFileSync(path.join(dir, "switchyard.extension.json"), "utf8");
    const parsed = parseManifest(text, { file: "switchyard.extension.json" });
    expect(parsed.problems).toEqual([]);
    if (!parsed.ok) return;
    expect(JSON.parse(text)).toMatchObject({ $schema: "./node_modules/@switchyard/sdk/schema/extension.schema.json", id: "acme", entry: "./dist/index.js" });
    expect(parsed.manifest.providers[0]).toMatchObject({ api: "openai-responses", baseUrl: "https://api.acme.example/v1", origins: ["https://api.acme.example"], auth: { env: ["ACME_API_KEY"] } });
    expect(parsed.manifest.providers[0]?.transports.websocket).toBeUndefined();
    expect(parsed.manifest.providers[0]?.request).toBeUndefined();
    const pkg = readJson(path.join(dir, "package.json"));
    expect(pkg).toMatchObject({ name: "switchyard-extension-acme", scripts: { test: "vitest run", lint: "switchyard lint --check-entry ." } });
    expect(readFileSync(path.join(dir, "src/index.ts"), "utf8")).toContain('defineExtension({\n  id: "acme"');
  });

  it("declares the websocket at --websocket, adds its origin, and takes --api and --dir", async () => {
    const cwd = folders.make();
    const result = await runCli(["new", "extension", "codexish", "--dir", "out/here", "--api", "openai-codex-responses", "--base-url", "https://chat.example/backend", "--websocket", "wss://ws.example/backend/responses"], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Wrote extension "codexish" to out/here:');
    const manifest = readJson(path.join(cwd, "out/here/switchyard.extension.json")) as { providers: Array<Record<string, unknown>> };
    expect(manifest.providers[0]).toMatchObject({
      api: "openai-codex-responses",
      baseUrl: "https://chat.example/backend",
      origins: ["https://chat.example", "https://ws.example"],
      transports: { http: { path: "/responses" }, websocket: { url: "wss://ws.example/backend/responses", stability: "experimental" } },
      // The Codex dialect's rules, so the scaffold's conformance suite passes against it.
      request: { store: false, requires: ["instructions"] },
    });
  });

  it("refuses a folder that holds files with SY_ERR_CLI_TARGET_NOT_EMPTY and writes nothing", async () => {
    const cwd = folders.make({ "acme/notes.txt": "mine" });
    const result = await runCli(["new", "extension", "acme"], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^switchyard: SY_ERR_CLI_TARGET_NOT_EMPTY: .*acme already exists and is not empty; nothing was written\. Fix: Pass --dir/);
    expect(readdirSync(path.join(cwd, "acme"))).toEqual(["notes.txt"]);
  });

  it.each([
    [["new", "extension", "Acme"], /id "Acme" must be lowercase/],
    [["new", "extension", "acme", "--api", "soap"], /--api "soap" is not one of openai-responses/],
    [["new", "extension", "acme", "--base-url", "http://api.acme.example/v1"], /unencrypted on a host that is not loopback/],
    [["new", "extension", "acme", "--websocket", "https://api.acme.example/ws"], /--websocket "https:\/\/api.acme.example\/ws" is not a wss:\/\/ or ws:\/\/ URL/],
    [["new", "project", "acme"], /unknown kind "project"/],
    [["new", "extension"], /missing <id>/],
  ])("answers %j with a usage error (exit 2) and writes nothing", async (args, message) => {
    const cwd = folders.make();
    const result = await runCli(args, { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^switchyard: SY_ERR_CLI_BAD_ARGUMENT: /);
    expect(result.stderr).toMatch(message);
    expect(existsSync(path.join(cwd, "acme"))).toBe(false);
  });
});
