export { runLintCli, USAGE, type LintCliIo } from "./cli.js";
export { parseLintArgs, type LintCliArgs } from "./cli-args.js";
export { lintFiles, lintSources, type LintMessage, type LintResult, type LintRunOptions, type LintSource } from "./lint-engine.js";
export { findManifests } from "./discover.js";
export { loadConfig, CONFIG_FILE_NAME } from "./config.js";
export { RULES, RULES_BY_ID } from "./rules/index.js";
export {
  formatMessage,
  type Rule,
  type RuleMeta,
  type RuleContext,
  type RuleSeverity,
  type RuleSetting,
  type ReportDescriptor,
  type LintOptions,
  type LintedManifest,
} from "./rule.js";
export { SourceText, type SourcePosition } from "./source-text.js";
export { FORMATTERS, type Formatter, type FormatterContext, type FormatterName } from "./formatters/index.js";
export { LintErrorCode } from "./errors.js";
export { ruleDocsUrl, RULE_DOCS_BASE_URL } from "./docs-url.js";
