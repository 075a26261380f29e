import { isSwitchyardError } from "@switchyard/sdk";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseLintArgs } from "./cli-args.js";
import { crashed } from "./errors.js";
import { loadConfig } from "./config.js";
import { findManifests } from "./discover.js";
import { FORMATTERS } from "./formatters/index.js";
import { lintFiles } from "./lint-engine.js";
import { RULES } from "./rules/index.js";

export interface LintCliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colours are used only then, and never with NO_COLOR). */
  isTTY: boolean;
}

export const USAGE = `Usage: switchyard lint [paths…] [options]

A path is a switchyard.extension.json, an extension folder, or a folder of extension folders (default: .).

Options:
  --format stylish|json|sarif|github   output format (default: stylish)
  --check-entry                        import each entry and compare its defineExtension() with the manifest
  --max-warnings N                     exit 1 when there are more than N warnings
  --config file                        rule severities (default: ./switchyard-lint.json if present)

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 bad usage or a crash.
`;

/**
 * Runs the linter as a command line: returns the exit code (0 clean, 1 problems, 2 usage error or
 * crash) instead of exiting, so `switchyard lint` and tests can call it. Output goes to io.stdout;
 * a usage error or crash is one line with its SY_ERR_LINT_* code on io.stderr.
 */
export async function runLintCli(argv: readonly string[], io: Partial<LintCliIo> = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const cwd = io.cwd ?? process.cwd();
  const env = io.env ?? process.env;
  const isTTY = io.isTTY ?? process.stdout.isTTY === true;
  try {
    const args = parseLintArgs(argv);
    if (args.help) {
      stdout.write(USAGE);
      return 0;
    }
    const ruleIds = RULES.map((rule) => rule.meta.id);
    const settings = loadConfig({ cwd, ruleIds, ...(args.configPath === undefined ? {} : { configPath: args.configPath }) });
    // A link that cannot be followed is a finding about the folder, not a crash: report it and lint the rest.
    let skipped = 0;
    const files = findManifests(args.paths, cwd, (path, problem) => {
      skipped++;
      stderr.write(`switchyard-lint: ${problem.code}: ${problem.message} Fix: ${problem.fix}\n`);
    });
    const results = await lintFiles(files, { cwd, checkEntry: args.checkEntry, settings });
    const enabled = RULES.filter((rule) => (settings[rule.meta.id] ?? rule.meta.defaultSeverity) !== "off");
    const severities = Object.fromEntries(enabled.map((rule) => [rule.meta.id, settings[rule.meta.id] ?? rule.meta.defaultSeverity]));
    // NO_COLOR (https://no-color.org): any non-empty value turns colour off.
    const color = isTTY && !env.NO_COLOR;
    stdout.write(FORMATTERS[args.format]!(results, { cwd, color, rules: enabled, severities: severities as Record<string, "error" | "warn"> }));
    const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
    const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
    if (errors > 0 || skipped > 0) return 1;
    if (args.maxWarnings !== undefined && warnings > args.maxWarnings) {
      stderr.write(`switchyard-lint: ${warnings} warnings exceed --max-warnings ${args.maxWarnings}.\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    const coded = isSwitchyardError(error) ? error : crashed(error);
    // One line, so CI logs show it whole; the stack only when asked for.
    stderr.write(`switchyard-lint: ${coded.code}: ${coded.message.replace(/\s*\n\s*/g, " ")}\n`);
    if (env.SWITCHYARD_DEBUG && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
    return 2;
  }
}

// Run when executed directly (node dist/cli.js, or the bin shim importing it).
const invokedPath = process.argv[1];
if (invokedPath !== undefined && isMain(invokedPath)) {
  process.exitCode = await runLintCli(process.argv.slice(2));
}

function isMain(path: string): boolean {
  try {
    return realpathSync(path) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
