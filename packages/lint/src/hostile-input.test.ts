import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { manifest } from "./test-support/manifest.js";
import { runCli } from "./test-support/run-cli.js";
import type { LintResult } from "./lint-engine.js";

const root = mkdtempSync(join(tmpdir(), "switchyard-lint-hostile-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function extensionWithText(name: string, text: string): string {
  const folder = join(root, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "switchyard.extension.json"), text);
  return folder;
}

async function lintJson(paths: string[]) {
  const result = await runCli([...paths, "--format", "json"], { cwd: root });
  return { ...result, results: result.stdout ? (JSON.parse(result.stdout) as LintResult[]) : [] };
}

describe("the linter on hostile input", () => {
  it("reports a 10 M character manifest as too large and exits 1, never 2", async () => {
    const folder = extensionWithText("huge", JSON.stringify(manifest({}, { description: "a".repeat(10_000_000) })));
    const { code, stderr, results } = await lintJson([folder]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(results[0]?.messages.map((m) => [m.ruleId, m.messageId, m.path])).toEqual([["schema", "tooLarge", ""]]);
  });

  it("reports nesting 10 000 deep as too deep and exits 1, never 2", async () => {
    const folder = extensionWithText("deep", `{"description": ${"[".repeat(10_000)}${"]".repeat(10_000)}}`);
    const { code, stderr, results } = await lintJson([folder]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(results[0]?.messages.map((m) => m.messageId)).toEqual(["tooDeep"]);
  });

  it("scans a near-1 MiB random-looking string for secrets without overflowing the stack", async () => {
    const token = "Zx81Qp0WmRt5Yb7N".repeat(60_000);
    const folder = extensionWithText("long-token", JSON.stringify(manifest({}, { description: token })));
    const { code, stderr, results } = await lintJson([folder]);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(results[0]?.messages.map((m) => [m.ruleId, m.path])).toEqual([["no-literal-secret", "/description"]]);
    expect(JSON.stringify(results)).not.toContain("Zx81Qp0W");
  });

  it("follows a symlinked extension folder once, and reports a link loop without exiting 2", async () => {
    const store = join(root, "store");
    mkdirSync(store, { recursive: true });
    extensionWithText("store/real-ext", JSON.stringify(manifest({ id: "linked" }, { id: "linked" })));
    const folder = join(root, "folder-of-extensions");
    mkdirSync(folder, { recursive: true });
    symlinkSync(join(store, "real-ext"), join(folder, "linked"));
    const clean = await lintJson([folder]);
    expect(clean.code).toBe(0);
    expect(clean.results.map((r) => r.filePath)).toEqual([join(folder, "linked", "switchyard.extension.json")]);

    symlinkSync(join(folder, "loop"), join(folder, "loop"));
    symlinkSync(folder, join(folder, "parent"));
    const looped = await lintJson([folder]);
    expect(looped.code).toBe(1);
    expect(looped.results).toHaveLength(1);
    expect(looped.stderr.split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(/^switchyard-lint: SY_ERR_DISCOVERY_SYMLINK_LOOP: The symlink .*\/loop leads back/),
      expect.stringMatching(/^switchyard-lint: SY_ERR_DISCOVERY_SYMLINK_LOOP: The symlink .*\/parent leads back/),
    ]);
  });

  it("does not import an entry that leads out of the folder, even with --check-entry", async () => {
    const marker = join(root, "escaped.txt");
    writeFileSync(join(root, "elsewhere.mjs"), `import { writeFileSync } from "node:fs"; writeFileSync(${JSON.stringify(marker)}, "ran");\n`);
    const folder = extensionWithText("escapes", JSON.stringify(manifest({}, { entry: "../elsewhere.mjs" })));
    const { code, results } = await lintJson([folder, "--check-entry"]);
    expect(code).toBe(1);
    expect(results[0]?.messages.map((m) => m.ruleId)).toEqual(["entry-inside-extension"]);
    expect(existsSync(marker)).toBe(false);
  });
});
