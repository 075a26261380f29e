/**
 * Runs the built CLI (packages/cli/dist/bin.js) as a subprocess, as a user would, with NO_COLOR
 * and an environment that holds no credentials unless a test passes them.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
// The CLI as this package depends on it (by name, not by a path into packages/cli).
export const BIN = path.join(path.dirname(createRequire(import.meta.url).resolve("@switchyard/cli/package.json")), "dist", "bin.js");
export const EXTENSIONS = fileURLToPath(new URL("../../../extensions", import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface CliOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Written to stdin, which is then closed (stdin is always a pipe, never a terminal). */
  stdin?: string;
  timeoutMs?: number;
}

export function spawnCli(args: readonly string[], options: CliOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...options.env },
    stdio: "pipe",
  });
}

/** Runs to the end; a run that outlives timeoutMs is killed (and its result says so). */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const started = performance.now();
  const child = spawnCli(args, options);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(options.stdin ?? "");
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 20_000);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, durationMs: performance.now() - started });
    });
  });
}

/** Resolves with the stream's output so far once it matches `pattern`. */
export function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp, timeoutMs = 10_000, stream: "stdout" | "stderr" = "stdout"): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in output within ${timeoutMs} ms: ${text}`)), timeoutMs);
    child[stream].setEncoding("utf8").on("data", (chunk: string) => {
      text += chunk;
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
  });
}

/** Temporary working folders for CLI runs, with files written into them; `cleanup()` removes them all. */
export function tempFolders(prefix: string) {
  const made: string[] = [];
  return {
    make(files: Record<string, string> = {}): string {
      const dir = mkdtempSync(path.join(tmpdir(), prefix));
      made.push(dir);
      for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      }
      return dir;
    },
    cleanup(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
