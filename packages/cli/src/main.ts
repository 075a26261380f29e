import { authCommand } from "./commands/auth.js";
import { demoCommand } from "./commands/demo.js";
import { emulatorCommand } from "./commands/emulator.js";
import { explainCommand } from "./commands/explain.js";
import { lintCommand } from "./commands/lint.js";
import { loginCommand } from "./commands/login.js";
import { logoutCommand } from "./commands/logout.js";
import { newCommand } from "./commands/new.js";
import { probeCommand } from "./commands/probe.js";
import { providersCommand } from "./commands/providers.js";
import { runCommand } from "./commands/run.js";
import { serveCommand } from "./commands/serve.js";
import type { Command } from "./command.js";
import { CliErrorCode, cliError, exitCodeFor, formatErrorLine, toCodedError } from "./errors.js";
import type { CliContext } from "./output.js";
import { cliVersion } from "./version.js";

export const COMMANDS: readonly Command[] = [
  demoCommand,
  runCommand,
  explainCommand,
  providersCommand,
  probeCommand,
  emulatorCommand,
  serveCommand,
  lintCommand,
  loginCommand,
  logoutCommand,
  authCommand,
  newCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    "Usage: switchyard <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    'Run "switchyard <command> --help" for a command\'s options.',
    "Exit codes: 0 success, 1 failure, 2 usage error.",
    "",
  ].join("\n");
}

/**
 * Runs `switchyard <argv>` and returns the exit code (0 ok, 1 failure, 2 usage error). Every
 * failure is one line on stderr with its SY_ERR_* code and the fix.
 */
export async function main(argv: readonly string[], io: Partial<Omit<CliContext, "signal">> = {}): Promise<number> {
  const controller = new AbortController();
  const context: CliContext = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    stdin: io.stdin ?? process.stdin,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    signal: controller.signal,
  };
  const onSignal = (): void => controller.abort();
  try {
    const [name, ...rest] = argv;
    if (name === undefined) {
      context.stderr.write(usage());
      return 2;
    }
    if (name === "--help" || name === "-h" || name === "help") {
      context.stdout.write(usage());
      return 0;
    }
    if (name === "--version" || name === "-v") {
      context.stdout.write(`${cliVersion()}\n`);
      return 0;
    }
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (!command) {
      throw cliError(
        CliErrorCode.unknownCommand,
        `Unknown command "${name}".`,
        `Use one of: ${COMMANDS.map((candidate) => candidate.name).join(", ")} (switchyard --help).`,
      );
    }
    if (command.handlesSignals) {
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
    }
    return await command.run(rest, context);
  } catch (error) {
    const coded = toCodedError(error);
    // Interrupted by the user: say why it stopped, exit as a shell expects (128 + SIGINT).
    if (controller.signal.aborted) {
      context.stderr.write(formatErrorLine(coded));
      return 130;
    }
    context.stderr.write(formatErrorLine(coded));
    if (context.env.SWITCHYARD_DEBUG && error instanceof Error && error.stack) context.stderr.write(`${error.stack}\n`);
    return exitCodeFor(coded);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
