import type { CliContext } from "./output.js";

/** One `switchyard <name>` command: its help text and what it does. Returns the exit code. */
export interface Command {
  name: string;
  /** One line for `switchyard --help`. */
  summary: string;
  /** The full `switchyard <name> --help` text. */
  help: string;
  /**
   * True when the command watches `context.signal` (SIGINT/SIGTERM) to stop cleanly; otherwise
   * Node's default applies and the process ends at once.
   */
  handlesSignals?: boolean;
  run(argv: readonly string[], context: CliContext): Promise<number>;
}

/** Resolves when `signal` aborts (SIGINT/SIGTERM for a command that handles signals). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
