import { SwitchyardError } from "@switchyard/sdk";

/** Codes of linter usage and runtime errors. Each is documented in docs/errors.md under "lint". */
export const LintErrorCode = {
  unknownOption: "SY_ERR_LINT_UNKNOWN_OPTION",
  badOptionValue: "SY_ERR_LINT_BAD_OPTION_VALUE",
  pathNotFound: "SY_ERR_LINT_PATH_NOT_FOUND",
  noManifests: "SY_ERR_LINT_NO_MANIFESTS",
  configInvalid: "SY_ERR_LINT_CONFIG_INVALID",
  ruleFailed: "SY_ERR_LINT_RULE_FAILED",
  crashed: "SY_ERR_LINT_CRASHED",
} as const;

export type LintErrorCode = (typeof LintErrorCode)[keyof typeof LintErrorCode];

export function unknownOption(option: string): SwitchyardError {
  return new SwitchyardError(LintErrorCode.unknownOption, `Unknown option "${option}".`, {
    fix: "Use switchyard lint [paths…] [--format stylish|json|sarif|github] [--check-entry] [--max-warnings N] [--config file].",
    details: { option },
  });
}

export function badOptionValue(option: string, value: string | undefined, expected: string): SwitchyardError {
  const shown = value === undefined ? "no value" : `"${value}"`;
  return new SwitchyardError(LintErrorCode.badOptionValue, `Option ${option} got ${shown}.`, {
    fix: `Pass ${option} ${expected}.`,
    details: { option },
  });
}

export function pathNotFound(path: string): SwitchyardError {
  return new SwitchyardError(LintErrorCode.pathNotFound, `Cannot lint "${path}": no such file or folder.`, {
    fix: "Pass a switchyard.extension.json file, an extension folder, or a folder of extension folders.",
    details: { path },
  });
}

export function noManifests(path: string, fileName: string): SwitchyardError {
  return new SwitchyardError(LintErrorCode.noManifests, `No ${fileName} found in "${path}" or its immediate subfolders.`, {
    fix: `Point switchyard lint at an extension folder (one holding ${fileName}) or at a folder of them.`,
    details: { path },
  });
}

export function configInvalid(file: string, what: string, fix: string): SwitchyardError {
  return new SwitchyardError(LintErrorCode.configInvalid, `Lint config ${file}: ${what}.`, { fix, details: { file } });
}

export function ruleFailed(ruleId: string, file: string, cause: unknown): SwitchyardError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new SwitchyardError(LintErrorCode.ruleFailed, `Rule "${ruleId}" crashed on ${file}: ${reason}`, {
    fix: "This is a bug in the rule, not in the manifest: report it with the manifest attached, or turn the rule off in switchyard-lint.json meanwhile.",
    cause,
    details: { ruleId, file },
  });
}

export function crashed(cause: unknown): SwitchyardError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new SwitchyardError(LintErrorCode.crashed, `The linter crashed: ${reason}`, {
    fix: "Check that the manifest files are readable; if they are, report this with the command line (set SWITCHYARD_DEBUG=1 for the stack).",
    cause,
  });
}
