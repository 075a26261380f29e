import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./test-support/run-cli.js";
import type { LintResult } from "./lint-engine.js";

const packageRoot = join(import.meta.dirname, "..");

// Every finding the folder of broken manifests must produce: rule, JSON pointer, line and column.
const EXPECTED = [
  ["alias-problems", "alias-collision", "/providers/0/models/aliases/m-2", 15, 22],
  ["alias-problems", "alias-collision", "/providers/0/models/aliases/latest", 15, 46],
  ["alias-problems", "alias-collision", "/providers/0/models/accept", 16, 19],
  ["codex-generic-websocket", "origin-bound", "/providers/0/transports/websocket/url", 16, 31],
  ["duplicate-provider-a", "unique-provider-id", "/providers/0/id", 8, 13],
  ["duplicate-provider-b", "unique-provider-id", "/providers/0/id", 8, 13],
  ["entry-missing", "entry-drift", "/entry", 6, 12],
  ["entry-outside", "entry-inside-extension", "/entry", 6, 12],
  ["insecure-http", "secure-scheme", "/providers/0/baseUrl", 10, 18],
  ["insecure-http", "secure-scheme", "/providers/0/origins/0", 11, 19],
  ["literal-secret", "no-literal-secret", "/providers/0/transports/http/headers/Authorization", 14, 49],
  ["syntax-error", "schema", "", 5, 3],
  ["unknown-api-old-host", "host-api-range", "/hostApi", 5, 14],
  ["unknown-api-old-host", "known-api", "/providers/0/api", 9, 14],
  ["unknown-key", "schema", "/providers/0/origins", 7, 5],
  ["unknown-key", "schema", "/providers/0/orgins", 11, 7],
  ["url-credentials", "no-url-credentials", "/providers/0/baseUrl", 10, 18],
  ["websocket-without-url", "websocket-url-required", "/providers/0/transports/websocket", 15, 22],
];

describe("linting the folder of broken manifests", () => {
  it("reports exactly the expected rule ids, paths, lines and columns, and exits 1", async () => {
    const { code, stdout, stderr } = await runCli(["src/__fixtures__/broken", "--format", "json"], { cwd: packageRoot });
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as LintResult[];
    expect(results).toHaveLength(13);
    const found = results.flatMap((result) =>
      result.messages.map((message) => [
        result.filePath.split("/").at(-2),
        message.ruleId,
        message.path,
        message.line,
        message.column,
      ]),
    );
    expect(found).toEqual(EXPECTED);
    for (const result of results) {
      expect(result.filePath).toMatch(/^\/.*switchyard\.extension\.json$/);
      expect(result.errorCount).toBe(result.messages.length);
      expect(result.warningCount).toBe(0);
    }
  });

  it("points an unknown key at the key and a syntax error at the character", async () => {
    const { stdout } = await runCli(["src/__fixtures__/broken/unknown-key", "src/__fixtures__/broken/syntax-error"], { cwd: packageRoot });
    expect(stdout).toContain('11:7  error    Unknown key "orgins" at /providers/0.');
    expect(stdout).toMatch(/5:3 {2}error {4}src\/__fixtures__\/broken\/syntax-error\/switchyard\.extension\.json is not valid JSON/);
  });

  it("never prints the password of a URL with credentials", async () => {
    const { stdout } = await runCli(["src/__fixtures__/broken/url-credentials"], { cwd: packageRoot });
    expect(stdout).toContain("carries credentials (user:password@)");
    expect(stdout).not.toContain("hunter2");
  });

  it("never prints the literal secret it found", async () => {
    const { stdout } = await runCli(["src/__fixtures__/broken/literal-secret", "--format", "json"], { cwd: packageRoot });
    expect(stdout).toContain('\\"sk-p…\\"');
    expect(stdout).not.toContain("sk-proj-Ab3d");
  });

  it("skips the other rules on a manifest that fails the schema", async () => {
    // unknown-key's provider also lacks origins, which origin-bound would otherwise trip over.
    const { stdout } = await runCli(["src/__fixtures__/broken/unknown-key", "--format", "json"], { cwd: packageRoot });
    const [result] = JSON.parse(stdout) as LintResult[];
    expect(new Set(result!.messages.map((message) => message.ruleId))).toEqual(new Set(["schema"]));
  });
});
