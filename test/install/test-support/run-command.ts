import { execFile } from "node:child_process";

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

// Nothing from the workspace's own pnpm/vitest run may leak into the command (npm_config_*, etc.).
const cleanEnv: Record<string, string> = Object.fromEntries(
  Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !/^(npm_|pnpm_|NODE_OPTIONS$|VITEST)/i.test(entry[0])),
);
const commandEnv = { ...cleanEnv, NO_COLOR: "1", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };

/** Runs a command to its end (killed after `timeout` ms) and resolves with its exit code and output; never rejects. */
export function runCommand(command: string, args: readonly string[], cwd: string, timeout = 180_000): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd, env: commandEnv, timeout, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
