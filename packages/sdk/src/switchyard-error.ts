/**
 * The base of every error Switchyard throws. `code` is stable and public (`SY_ERR_<AREA>_<WHAT>`,
 * listed in docs/errors.md); `fix` tells the reader what to do. Details never hold secret values.
 */
export class SwitchyardError extends Error {
  readonly code: string;
  readonly fix: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    options: { fix?: string; cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(options.fix ? `${message} Fix: ${options.fix}` : message, { cause: options.cause });
    this.name = "SwitchyardError";
    this.code = code;
    this.fix = options.fix;
    this.details = Object.freeze({ ...options.details });
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, fix: this.fix, details: this.details };
  }
}

/** True for any Switchyard error, also one from another copy of this package (checked by code). */
export function isSwitchyardError(value: unknown): value is SwitchyardError {
  if (!(value instanceof Error)) return false;
  const code: unknown = (value as Error & { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("SY_ERR_");
}
