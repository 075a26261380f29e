import type { LintResult } from "../lint-engine.js";
import type { Rule } from "../rule.js";

export interface FormatterContext {
  /** Paths are shown relative to this folder (SARIF and GitHub need repository-relative paths). */
  cwd: string;
  /** Whether ANSI colours may be used (a TTY without NO_COLOR); only stylish uses them. */
  color: boolean;
  /** The rules that ran, for formats that describe them (SARIF). */
  rules: readonly Rule[];
  /** The effective severity of each rule that ran. */
  severities: Readonly<Record<string, "error" | "warn">>;
}

/** Turns results into the text printed on stdout. */
export type Formatter = (results: readonly LintResult[], context: FormatterContext) => string;
