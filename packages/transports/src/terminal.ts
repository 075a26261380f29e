import { responseFailed, serverError, type FailureContext } from "./errors.js";
import type { Terminal } from "@switchyard/sdk";

/** Throws the coded error a failed terminal stands for; returns for a finished response. */
export function throwTerminal(terminal: Terminal, context: FailureContext): void {
  if (terminal.kind === "response-failed") {
    throw responseFailed(context, { code: terminal.code, message: terminal.message });
  }
  if (terminal.kind === "server-error") {
    throw serverError(context, { code: terminal.code, message: terminal.message, status: terminal.status });
  }
}
