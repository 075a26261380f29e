import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand as run } from "./test-support/run-command.js";
import { ROOT, workspacePackages } from "./test-support/workspace-packages.js";

// Packs every workspace package with pnpm (which rewrites workspace:*), installs all tarballs
// together with plain npm in an empty project outside the repository (third-party dependencies
// from the registry), and uses them there as a stranger would. One install is shared by every
// case: it is the slow part.

/** Runs `tasks` at most `limit` at a time (the CI machine has 2 cores). */
async function inBatches<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  }));
}

const rootManifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
const packages = workspacePackages();
let scratch: string;
let app: string;
let tarballs: string[];

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "switchyard-install-"));
  const packed = path.join(scratch, "tarballs");
  app = path.join(scratch, "app");
  mkdirSync(packed);
  mkdirSync(app);
  await inBatches(packages, 2, async ({ folder }) => {
    const result = await run("pnpm", ["pack", "--pack-destination", packed], folder);
    if (result.code !== 0) throw new Error(`pnpm pack in ${folder} failed:\n${result.stderr}`);
  });
  tarballs = readdirSync(packed).filter((file) => file.endsWith(".tgz")).map((file) => path.join(packed, file));
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "stranger-app", private: true, type: "module" }));
  // vitest and typescript are what a new extension project's scripts run (see `switchyard new`).
  const dev = ["vitest", "typescript"].map((name) => `${name}@${rootManifest.devDependencies[name]}`);
  const install = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...tarballs, ...dev], app, 300_000);
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
}, 400_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the packages, packed and installed with npm outside the repository", () => {
  it("packs one tarball per package, and no installed package.json keeps a workspace: range", () => {
    expect(tarballs).toHaveLength(packages.length);
    for (const { manifest } of packages) {
      const installed = JSON.parse(readFileSync(path.join(app, "node_modules", manifest.name, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
      for (const [name, range] of Object.entries(installed.dependencies ?? {})) expect(range, `${manifest.name} → ${name}`).not.toMatch(/^workspace:/);
    }
  });

  it("ships no tests, test helpers or build caches, and every package its README", () => {
    for (const { manifest } of packages) {
      const folder = path.join(app, "node_modules", manifest.name);
      const files = readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((file) => !file.startsWith("node_modules"));
      expect(files.filter((file) => /\.test\.|test-support|\.tsbuildinfo$/.test(file)), manifest.name).toEqual([]);
      expect(files, manifest.name).toContain("README.md");
    }
  });

  it("runs a consumer script that loads @switchyard/extension-openai by name and holds two websocket turns", async () => {
    copyFileSync(fileURLToPath(new URL("./__fixtures__/consumer.mjs", import.meta.url)), path.join(app, "consumer.mjs"));
    const result = await run(process.execPath, ["consumer.mjs"], app, 60_000);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      manifest: string;
      problems: unknown[];
      route: string;
      turns: Array<{ transport: string; status: string; text: string }>;
      requests: Array<{ transport: string; previousResponseId: boolean; credentials: boolean }>;
    };
    expect(report.problems).toEqual([]);
    expect(report.manifest).toBe(path.join(app, "node_modules", "@switchyard", "extension-openai", "switchyard.extension.json"));
    expect(report.route).toBe("websocket");
    expect(report.turns.map((turn) => [turn.transport, turn.status])).toEqual([["websocket", "completed"], ["websocket", "completed"]]);
    expect(report.turns.every((turn) => turn.text.length > 0)).toBe(true);
    // The second turn continued the first on the same socket: previous_response_id, not a replay.
    expect(report.requests).toEqual([
      { transport: "websocket", previousResponseId: false, credentials: true },
      { transport: "websocket", previousResponseId: true, credentials: true },
    ]);
  });

  it("answers npx switchyard --version with the CLI package's version", async () => {
    const result = await run("npx", ["--no-install", "switchyard", "--version"], app);
    const cli = packages.find((pkg) => pkg.manifest.name === "@switchyard/cli");
    expect(result.stdout.trim()).toBe(cli?.manifest.version);
    expect(result.code).toBe(0);
  });

  it("runs npx switchyard demo on the shipped extension packages, with no --extensions", async () => {
    const result = await run("npx", ["--no-install", "switchyard", "demo", "--json"], app, 120_000);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { providers?: unknown };
    expect(JSON.stringify(summary)).toContain("openai-codex");
  });

  it("lints an installed extension package clean with npx switchyard lint", async () => {
    const result = await run("npx", ["--no-install", "switchyard", "lint", "node_modules/@switchyard/extension-openai"], app);
    expect(result.stdout).toContain("1 manifest linted, no problems");
    expect(result.code).toBe(0);
  });

  it("scaffolds with npx switchyard new extension acme, whose npm test and lint pass on first run", async () => {
    const created = await run("npx", ["--no-install", "switchyard", "new", "extension", "acme", "--websocket", "wss://api.acme.example/v1/responses"], app);
    expect(created.code, created.stderr).toBe(0);
    // Inside the app, so Node and npm find the installed tarballs in ../node_modules instead of
    // fetching unpublished @switchyard/* versions from the registry.
    const acme = path.join(app, "acme");
    const tested = await run("npm", ["test"], acme, 120_000);
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(/Tests\s+7 passed/);
    const linted = await run("npm", ["run", "lint"], acme, 60_000);
    expect(linted.code, linted.stdout + linted.stderr).toBe(0);
    expect(linted.stdout).toContain("1 manifest linted, no problems");
  });

  it("scaffolds an openai-codex-responses extension whose conformance suite passes against the Codex dialect", async () => {
    const created = await run("npx", ["--no-install", "switchyard", "new", "extension", "codexish", "--api", "openai-codex-responses"], app);
    expect(created.code, created.stderr).toBe(0);
    const tested = await run("npm", ["test", "--", "--reporter=verbose"], path.join(app, "codexish"), 120_000);
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toContain("emulator profile openai-codex");
  });
});
