import { runLintCli, type LintCliIo } from "../cli.js";

/** Runs the CLI function with captured output. */
export async function runCli(argv: string[], io: Partial<LintCliIo> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runLintCli(argv, {
    cwd: process.cwd(),
    env: {},
    isTTY: false,
    ...io,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}
