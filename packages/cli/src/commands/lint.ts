import { runLintCli, USAGE } from "@switchyard/lint";
import type { Command } from "../command.js";

/** `switchyard lint …`: the manifest linter, with its own options and exit codes (0/1/2). */
export const lintCommand: Command = {
  name: "lint",
  summary: "check extension manifests (delegates to @switchyard/lint)",
  help: USAGE,
  run: (argv, context) =>
    runLintCli(argv, { stdout: context.stdout, stderr: context.stderr, cwd: context.cwd, env: context.env, isTTY: context.stdout.isTTY === true }),
};
