/**
 * Every error the emulator throws at its caller (options, faults, scripts, fixtures). Wire errors
 * sent to clients are protocol data, not EmulatorErrors. Each code is listed in docs/errors.md.
 */
export const EmulatorErrorCode = {
  optionsInvalid: "SY_ERR_EMULATOR_OPTIONS_INVALID",
  faultUnknownKind: "SY_ERR_EMULATOR_FAULT_UNKNOWN_KIND",
  faultInvalidValue: "SY_ERR_EMULATOR_FAULT_INVALID_VALUE",
  faultUnknownScope: "SY_ERR_EMULATOR_FAULT_UNKNOWN_SCOPE",
  faultSpecSyntax: "SY_ERR_EMULATOR_FAULT_SPEC_SYNTAX",
  scriptInvalid: "SY_ERR_EMULATOR_SCRIPT_INVALID",
  listenFailed: "SY_ERR_EMULATOR_LISTEN_FAILED",
  closed: "SY_ERR_EMULATOR_CLOSED",
  fixtureNotFound: "SY_ERR_EMULATOR_FIXTURE_NOT_FOUND",
} as const;

export type EmulatorErrorCode = (typeof EmulatorErrorCode)[keyof typeof EmulatorErrorCode];

/** A coded emulator error: `code` is stable, `message` says what and where, `fix` what to do. */
export class EmulatorError extends Error {
  readonly code: EmulatorErrorCode;
  readonly fix: string;

  constructor(code: EmulatorErrorCode, message: string, fix: string, options: { cause?: unknown } = {}) {
    super(`${message} Fix: ${fix}`, { cause: options.cause });
    this.name = "EmulatorError";
    this.code = code;
    this.fix = fix;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, fix: this.fix };
  }
}
