import { badOptionValue, unknownOption } from "./errors.js";
import { FORMATTERS, type FormatterName } from "./formatters/index.js";

export interface LintCliArgs {
  paths: string[];
  format: FormatterName;
  checkEntry: boolean;
  /** Undefined: any number of warnings passes. */
  maxWarnings: number | undefined;
  configPath: string | undefined;
  help: boolean;
}

/**
 * Parses `[paths…] [--format f] [--check-entry] [--max-warnings N] [--config file]`; both
 * `--flag value` and `--flag=value` work, and `--` ends options.
 * @throws SY_ERR_LINT_UNKNOWN_OPTION, SY_ERR_LINT_BAD_OPTION_VALUE
 */
export function parseLintArgs(argv: readonly string[]): LintCliArgs {
  const args: LintCliArgs = { paths: [], format: "stylish", checkEntry: false, maxWarnings: undefined, configPath: undefined, help: false };
  let optionsEnded = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (optionsEnded || !arg.startsWith("-") || arg === "-") {
      args.paths.push(arg);
      continue;
    }
    if (arg === "--") {
      optionsEnded = true;
      continue;
    }
    const equals = arg.indexOf("=");
    const name = equals === -1 ? arg : arg.slice(0, equals);
    const takeValue = (): string | undefined => {
      if (equals !== -1) return arg.slice(equals + 1);
      const next = argv[index + 1];
      if (next === undefined || next.startsWith("--")) return undefined;
      index++;
      return next;
    };
    switch (name) {
      case "--format":
      case "-f": {
        const value = takeValue();
        if (value === undefined || !Object.hasOwn(FORMATTERS, value)) {
          throw badOptionValue("--format", value, Object.keys(FORMATTERS).join(" | "));
        }
        args.format = value as FormatterName;
        break;
      }
      case "--check-entry":
        if (equals !== -1) throw badOptionValue("--check-entry", arg.slice(equals + 1), "without a value");
        args.checkEntry = true;
        break;
      case "--max-warnings": {
        const value = takeValue();
        if (value === undefined || !/^\d+$/.test(value)) throw badOptionValue("--max-warnings", value, "a whole number ≥ 0");
        args.maxWarnings = Number(value);
        break;
      }
      case "--config":
      case "-c": {
        const value = takeValue();
        if (value === undefined || value === "") throw badOptionValue("--config", value, "the path of a switchyard-lint.json file");
        args.configPath = value;
        break;
      }
      case "--help":
      case "-h":
        args.help = true;
        break;
      default:
        throw unknownOption(arg);
    }
  }
  if (args.paths.length === 0) args.paths.push(".");
  return args;
}
