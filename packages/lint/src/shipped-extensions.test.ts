import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./test-support/run-cli.js";
import type { LintResult } from "./lint-engine.js";

const repoRoot = join(import.meta.dirname, "../../..");
const codexEntry = join(repoRoot, "extensions/openai-codex/dist/index.js");

// openai-codex's entry is build output; build it when its sources exist and it was not built yet
// (before collecting tests, so the --check-entry test knows whether it can run).
if (!existsSync(codexEntry) && existsSync(join(repoRoot, "extensions/openai-codex/src/index.ts"))) {
  try {
    execFileSync(join(repoRoot, "node_modules/.bin/tsc"), ["-b", "extensions/openai-codex"], { cwd: repoRoot, stdio: "pipe" });
  } catch {
    // Left to the assertions below: an unbuilt entry must show up as entry-drift and nothing else.
  }
}

describe("the four shipped extensions", () => {
  it("lint clean with every rule on", async () => {
    const { code, stdout, stderr } = await runCli(["extensions", "--format", "json"], { cwd: repoRoot });
    const results = JSON.parse(stdout) as LintResult[];
    expect(results.map((result) => result.filePath.split("/").at(-2)).sort()).toEqual(["anthropic", "openai", "openai-codex", "openai-compatible", "xai"]);
    const messages = results.flatMap((result) => result.messages.map((message) => `${result.filePath}: ${message.ruleId} ${message.message}`));
    if (existsSync(codexEntry)) {
      expect(messages).toEqual([]);
      expect(code).toBe(0);
      expect(stderr).toBe("");
    } else {
      expect(messages).toEqual([expect.stringMatching(/openai-codex\/switchyard\.extension\.json: entry-drift entry "\.\/dist\/index\.js" does not exist/)]);
      expect(code).toBe(1);
    }
  });

  it.runIf(existsSync(codexEntry))("lint clean with --check-entry, which imports openai-codex's defineExtension()", async () => {
    const { code, stdout } = await runCli(["extensions", "--check-entry"], { cwd: repoRoot });
    expect(stdout).toBe("✔ 5 manifests linted, no problems\n");
    expect(code).toBe(0);
  });
});
