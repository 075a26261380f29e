import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { manifest } from "./test-support/manifest.js";
import { runCli } from "./test-support/run-cli.js";

const packageRoot = join(import.meta.dirname, "..");
const repoRoot = join(packageRoot, "../..");
const broken = join(packageRoot, "src/__fixtures__/broken");

/** A temporary folder holding extension folders, each with the given manifest value. */
function workspace(manifests: Record<string, unknown>, config?: unknown): string {
  const root = mkdtempSync(join(tmpdir(), "switchyard-lint-cli-"));
  for (const [name, value] of Object.entries(manifests)) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, "switchyard.extension.json"), `${JSON.stringify(value, null, 2)}\n`);
  }
  if (config !== undefined) writeFileSync(join(root, "switchyard-lint.json"), JSON.stringify(config));
  return root;
}

// One problem of each severity-configurable kind: an insecure baseUrl/origin pair (2 secure-scheme findings).
const insecure = manifest({ baseUrl: "http://api.acme.test/v1", origins: ["http://api.acme.test"] });

describe("exit codes", () => {
  it("exits 0 on clean manifests, 1 on errors", async () => {
    expect((await runCli(["."], { cwd: workspace({ good: manifest() }) })).code).toBe(0);
    expect((await runCli(["."], { cwd: workspace({ bad: insecure }) })).code).toBe(1);
  });

  it("accepts a manifest file, an extension folder and a folder of extension folders", async () => {
    const root = workspace({ one: manifest(), two: manifest({ id: "two" }, { id: "two" }) });
    for (const path of ["one/switchyard.extension.json", "one", "."]) {
      const { code, stdout } = await runCli([path, "--format", "json"], { cwd: root });
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as unknown[]).length).toBe(path === "." ? 2 : 1);
    }
  });

  it.each([
    [["--bogus"], "SY_ERR_LINT_UNKNOWN_OPTION", 'Unknown option "--bogus".'],
    [["--format", "xml"], "SY_ERR_LINT_BAD_OPTION_VALUE", "Option --format got \"xml\". Fix: Pass --format stylish | json | sarif | github."],
    [["--format"], "SY_ERR_LINT_BAD_OPTION_VALUE", "Option --format got no value."],
    [["--max-warnings", "many"], "SY_ERR_LINT_BAD_OPTION_VALUE", 'Option --max-warnings got "many".'],
    [["does-not-exist"], "SY_ERR_LINT_PATH_NOT_FOUND", 'Cannot lint "does-not-exist": no such file or folder.'],
    [["empty"], "SY_ERR_LINT_NO_MANIFESTS", 'No switchyard.extension.json found in "empty"'],
  ])("exits 2 on bad usage %j with a one-line coded error and its fix", async (argv, code, text) => {
    const root = workspace({ good: manifest() });
    mkdirSync(join(root, "empty"));
    const result = await runCli(argv, { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`switchyard-lint: ${code}: ${text}`);
    expect(result.stderr).toContain(" Fix: ");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("exits 2 with SY_ERR_LINT_CRASHED when a manifest cannot be read", async () => {
    const root = workspace({});
    mkdirSync(join(root, "odd/switchyard.extension.json"), { recursive: true });
    const { code, stderr } = await runCli(["odd"], { cwd: root });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^switchyard-lint: SY_ERR_LINT_CRASHED: The linter crashed: EISDIR.* Fix: /);
  });
});

describe("colour", () => {
  it("colours stylish output on a TTY, and never with NO_COLOR or off a TTY", async () => {
    const root = workspace({ bad: insecure });
    expect((await runCli(["."], { cwd: root, isTTY: true, env: {} })).stdout).toContain("\u001b[31m");
    expect((await runCli(["."], { cwd: root, isTTY: true, env: { NO_COLOR: "1" } })).stdout).not.toContain("\u001b[");
    expect((await runCli(["."], { cwd: root, isTTY: false, env: {} })).stdout).not.toContain("\u001b[");
  });
});

describe("--max-warnings and severity config", () => {
  it("turns a rule into warnings with switchyard-lint.json: exit 0, unless warnings exceed --max-warnings", async () => {
    const root = workspace({ bad: insecure }, { rules: { "secure-scheme": "warn" } });
    const relaxed = await runCli(["."], { cwd: root });
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toContain("✖ 2 problems (0 errors, 2 warnings) in 1 manifest");
    expect((await runCli([".", "--max-warnings", "2"], { cwd: root })).code).toBe(0);
    const strict = await runCli([".", "--max-warnings", "1"], { cwd: root });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("2 warnings exceed --max-warnings 1");
  });

  it("turns a rule off, from switchyard-lint.json or a --config file", async () => {
    expect((await runCli(["."], { cwd: workspace({ bad: insecure }, { rules: { "secure-scheme": "off" } }) })).code).toBe(0);
    const root = workspace({ bad: insecure });
    writeFileSync(join(root, "ci-lint.json"), JSON.stringify({ rules: { "secure-scheme": "off" } }));
    expect((await runCli([".", "--config", "ci-lint.json"], { cwd: root })).code).toBe(0);
    expect((await runCli(["."], { cwd: root })).code).toBe(1);
  });

  it.each([
    [{ rules: { "no-such-rule": "off" } }, 'unknown rule "no-such-rule"'],
    [{ rules: { "secure-scheme": "warning" } }, 'rule "secure-scheme" is set to "warning". Fix: Use "off", "warn" or "error".'],
    [{ rules: {}, extends: "recommended" }, 'unknown key "extends"'],
    [["secure-scheme"], "expected an object"],
  ])("exits 2 on an invalid config %j", async (config, text) => {
    const { code, stderr } = await runCli(["."], { cwd: workspace({ good: manifest() }, config) });
    expect(code).toBe(2);
    expect(stderr).toContain("SY_ERR_LINT_CONFIG_INVALID");
    expect(stderr).toContain(text);
  });

  it("exits 2 when --config names a missing file", async () => {
    const { code, stderr } = await runCli([".", "--config", "nope.json"], { cwd: workspace({ good: manifest() }) });
    expect(code).toBe(2);
    expect(stderr).toContain("SY_ERR_LINT_CONFIG_INVALID: Lint config nope.json: the file does not exist.");
  });
});

describe("the compiled CLI as a subprocess", () => {
  beforeAll(() => {
    execFileSync(join(repoRoot, "node_modules/.bin/tsc"), ["-b", "packages/lint"], { cwd: repoRoot, stdio: "pipe" });
  }, 120_000);

  it("node dist/cli.js lints, prints json and exits 1 on the broken fixtures", () => {
    const result = spawnSync(process.execPath, [join(packageRoot, "dist/cli.js"), broken, "--format", "json"], { cwd: repoRoot, encoding: "utf8" });
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(13);
  });

  it("the switchyard-lint bin exits 0 on a clean folder and 2 on a bad flag", () => {
    const root = workspace({ good: manifest() });
    cpSync(join(broken, "insecure-http"), join(root, "insecure"), { recursive: true });
    const bin = join(packageRoot, "bin/switchyard-lint.js");
    const clean = spawnSync(process.execPath, [bin, "good"], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(clean.stdout).toBe("✔ 1 manifest linted, no problems\n");
    expect(clean.status).toBe(0);
    const dirty = spawnSync(process.execPath, [bin, "."], { cwd: root, encoding: "utf8" });
    expect(dirty.status).toBe(1);
    const usage = spawnSync(process.execPath, [bin, "--fromat", "json"], { cwd: root, encoding: "utf8" });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^switchyard-lint: SY_ERR_LINT_UNKNOWN_OPTION: Unknown option "--fromat"\. Fix: /);
  });
});
