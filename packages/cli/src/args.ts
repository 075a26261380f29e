import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";
import { CliErrorCode, usageError } from "./errors.js";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedCommandLine {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  help: boolean;
}

/**
 * node:util parseArgs in strict mode, with its TypeErrors turned into coded usage errors
 * (SY_ERR_CLI_UNKNOWN_OPTION, SY_ERR_CLI_BAD_ARGUMENT). `--help`/`-h` is always accepted.
 */
export function parseCommandLine(command: string, argv: readonly string[], options: OptionsConfig, positionals: { max: number }): ParsedCommandLine {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message.split(/\.\s|\n/)[0]!.replace(/\.$/, "") : String(error);
    throw usageError(command, `switchyard ${command}: ${message}.`, code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? CliErrorCode.unknownOption : CliErrorCode.badArgument);
  }
  const help = parsed.values["help"] === true;
  if (!help && parsed.positionals.length > positionals.max) {
    const extra = parsed.positionals.slice(positionals.max).map((value) => JSON.stringify(value)).join(", ");
    throw usageError(command, `switchyard ${command}: unexpected argument ${extra} (at most ${positionals.max}).`);
  }
  return { values: parsed.values, positionals: parsed.positionals, help };
}

/** Validates parsed option values with zod; a failure names the flag (SY_ERR_CLI_BAD_ARGUMENT). */
export function validateOptions<Schema extends z.ZodType>(command: string, schema: Schema, values: unknown): z.infer<Schema> {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const flag = issue.path.length ? `--${String(issue.path[0])}` : "options";
  throw usageError(command, `switchyard ${command}: ${flag}: ${issue.message}.`);
}

/** The first positional, required. */
export function requirePositional(command: string, positionals: readonly string[], index: number, name: string): string {
  const value = positionals[index];
  if (value === undefined || value === "") throw usageError(command, `switchyard ${command}: missing <${name}>.`);
  return value;
}
