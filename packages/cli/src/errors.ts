import { isSwitchyardError, SwitchyardError } from "@switchyard/sdk";

/** Codes the CLI throws itself. Each is documented in docs/errors.md under "## cli". */
export const CliErrorCode = {
  unknownCommand: "SY_ERR_CLI_UNKNOWN_COMMAND",
  unknownOption: "SY_ERR_CLI_UNKNOWN_OPTION",
  badArgument: "SY_ERR_CLI_BAD_ARGUMENT",
  promptMissing: "SY_ERR_CLI_PROMPT_MISSING",
  configNotFound: "SY_ERR_CLI_CONFIG_NOT_FOUND",
  configInvalidJson: "SY_ERR_CLI_CONFIG_INVALID_JSON",
  extensionsNotFound: "SY_ERR_CLI_EXTENSIONS_NOT_FOUND",
  toolsInvalid: "SY_ERR_CLI_TOOLS_INVALID",
  responseFailed: "SY_ERR_CLI_RESPONSE_FAILED",
  probeFailed: "SY_ERR_CLI_PROBE_FAILED",
  demoFailed: "SY_ERR_CLI_DEMO_FAILED",
  targetNotEmpty: "SY_ERR_CLI_TARGET_NOT_EMPTY",
  internal: "SY_ERR_CLI_INTERNAL",
} as const;

export type CliErrorCodeValue = (typeof CliErrorCode)[keyof typeof CliErrorCode];

/** Codes that mean "the command line was wrong": exit 2. Everything else that fails exits 1. */
const USAGE_CODES: ReadonlySet<string> = new Set([
  CliErrorCode.unknownCommand,
  CliErrorCode.unknownOption,
  CliErrorCode.badArgument,
  CliErrorCode.promptMissing,
  CliErrorCode.configNotFound,
  CliErrorCode.extensionsNotFound,
  "SY_ERR_REF_INVALID",
  // `switchyard emulator --fault <spec>`: the spec is part of the command line.
  "SY_ERR_EMULATOR_FAULT_SPEC_SYNTAX",
  "SY_ERR_EMULATOR_FAULT_UNKNOWN_KIND",
  "SY_ERR_EMULATOR_FAULT_INVALID_VALUE",
  "SY_ERR_EMULATOR_FAULT_UNKNOWN_SCOPE",
  "SY_ERR_EMULATOR_OPTIONS_INVALID",
]);

export function cliError(code: CliErrorCodeValue, message: string, fix: string, details?: Record<string, unknown>, cause?: unknown): SwitchyardError {
  return new SwitchyardError(code, message, { fix, details, cause });
}

/** A usage error: the command line itself is wrong (exit 2). */
export function usageError(command: string, message: string, code: CliErrorCodeValue = CliErrorCode.badArgument): SwitchyardError {
  return cliError(code, message, `Run "switchyard ${command} --help" for the usage.`);
}

/** Wraps anything uncoded so every failure the user sees has a code. */
export function toCodedError(error: unknown): SwitchyardError {
  if (error instanceof SwitchyardError) return error;
  if (isSwitchyardError(error)) return new SwitchyardError(error.code, error.message, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return cliError(CliErrorCode.internal, `Unexpected failure: ${message}.`, "Set SWITCHYARD_DEBUG=1 to print the stack and report it as a bug.", {}, error);
}

export function exitCodeFor(error: SwitchyardError): 1 | 2 {
  return USAGE_CODES.has(error.code) ? 2 : 1;
}

/** One line: `switchyard: CODE: what failed. Fix: what to do.` (the message already carries the fix). */
export function formatErrorLine(error: SwitchyardError): string {
  return `switchyard: ${error.code}: ${error.message.replace(/\s*\n\s*/g, " ")}\n`;
}
