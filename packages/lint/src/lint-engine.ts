import { HOST_API_VERSION, MAX_MANIFEST_BYTES, SdkErrorCode, manifestTooLarge, parseManifest, type Manifest, type ParseManifestResult } from "@switchyard/sdk";
import { readFile, stat } from "node:fs/promises";
import { relative } from "node:path";
import { ruleFailed } from "./errors.js";
import { formatMessage, type LintOptions, type LintedManifest, type Rule, type RuleContext, type RuleSetting } from "./rule.js";
import { RULES } from "./rules/index.js";
import { SourceText } from "./source-text.js";

export interface LintMessage {
  ruleId: string;
  messageId: string;
  severity: "error" | "warning";
  message: string;
  /** How to fix it, when the rule knows. */
  fix?: string;
  /** JSON pointer into the manifest. */
  path: string;
  /** 1-based, in the manifest file's text. */
  line: number;
  column: number;
}

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
}

/** A manifest to lint, already read (the rule tester lints in-memory text). */
export interface LintSource {
  filePath: string;
  text: string;
  /** Set by lintFiles for a file over the size limit, which it does not read (text is then ""). */
  oversizeBytes?: number;
}

export interface LintRunOptions extends Partial<LintOptions> {
  /** The rules to run; default every registered rule. */
  rules?: readonly Rule[];
  /** Per-rule settings from switchyard-lint.json; a rule not listed uses its defaultSeverity. */
  settings?: Readonly<Record<string, RuleSetting>>;
}

/** Reads and lints manifest files. @throws SY_ERR_LINT_RULE_FAILED when a rule crashes. */
export async function lintFiles(filePaths: readonly string[], options: LintRunOptions = {}): Promise<LintResult[]> {
  const sources = await Promise.all(
    filePaths.map(async (filePath): Promise<LintSource> => {
      // Sized before it is read: a huge file is reported, never loaded.
      const { size } = await stat(filePath);
      if (size > MAX_MANIFEST_BYTES) return { filePath, text: "", oversizeBytes: size };
      return { filePath, text: await readFile(filePath, "utf8") };
    }),
  );
  return lintSources(sources, options);
}

/**
 * Lints manifests together, so cross-file rules see all of them. `schema` runs on every file; the
 * other rules only on files that parsed, since they rely on the schema's shape.
 * @throws SY_ERR_LINT_RULE_FAILED when a rule crashes or reports a messageId it does not declare.
 */
export async function lintSources(sources: readonly LintSource[], options: LintRunOptions = {}): Promise<LintResult[]> {
  const lintOptions: LintOptions = {
    cwd: options.cwd ?? process.cwd(),
    checkEntry: options.checkEntry ?? false,
    hostVersion: options.hostVersion ?? HOST_API_VERSION,
  };
  const rules = options.rules ?? RULES;
  const files = sources.map((source) => {
    // Messages name the file relative to cwd: output should not depend on where the repo is checked out.
    const shownPath = relative(lintOptions.cwd, source.filePath) || source.filePath;
    // Strip a UTF-8 byte order mark: editors on Windows write one; JSON.parse rejects it.
    const text = source.text.replace(/^\uFEFF/, "");
    const parse: ParseManifestResult =
      source.oversizeBytes === undefined ? parseManifest(text, { file: shownPath }) : { ok: false, problems: [manifestTooLarge(source.oversizeBytes, shownPath)] };
    // Positions come from a recursive JSON parser: never hand it what the limits refused.
    const refused = parse.problems.some((p) => p.code === SdkErrorCode.manifestTooLarge || p.code === SdkErrorCode.manifestTooDeep);
    return { ...source, parse, sourceText: new SourceText(refused ? "" : text) };
  });
  const manifests: LintedManifest[] = files.flatMap((file) => (file.parse.ok ? [{ filePath: file.filePath, manifest: file.parse.manifest }] : []));
  const project = Object.freeze({ manifests: Object.freeze(manifests) });

  const results: LintResult[] = [];
  for (const file of files) {
    const messages: LintMessage[] = [];
    for (const rule of rules) {
      const setting = options.settings?.[rule.meta.id] ?? rule.meta.defaultSeverity;
      if (setting === "off") continue;
      if (!file.parse.ok && !rule.meta.runsOnUnparsed) continue;
      const parsed = file.parse.ok ? file.parse.manifest : undefined;
      const context: RuleContext = {
        filePath: file.filePath,
        source: file.sourceText,
        parse: file.parse,
        get manifest(): Manifest {
          if (parsed === undefined) throw new Error("context.manifest read by a rule that runs on unparsed manifests");
          return parsed;
        },
        project,
        options: lintOptions,
        report(descriptor) {
          const template = Object.hasOwn(rule.meta.messages, descriptor.messageId) ? rule.meta.messages[descriptor.messageId] : undefined;
          if (template === undefined) throw new Error(`reported messageId "${descriptor.messageId}", which meta.messages does not declare`);
          const position = file.sourceText.locate(descriptor.path, descriptor.at);
          messages.push({
            ruleId: rule.meta.id,
            messageId: descriptor.messageId,
            severity: setting === "warn" ? "warning" : "error",
            message: formatMessage(template, descriptor.data),
            ...(descriptor.fix === undefined ? {} : { fix: descriptor.fix }),
            path: descriptor.path,
            line: position.line,
            column: position.column,
          });
        },
      };
      try {
        await rule.check(context);
      } catch (error) {
        throw ruleFailed(rule.meta.id, file.filePath, error);
      }
    }
    messages.sort((a, b) => a.line - b.line || a.column - b.column);
    results.push({
      filePath: file.filePath,
      messages,
      errorCount: messages.filter((message) => message.severity === "error").length,
      warningCount: messages.filter((message) => message.severity === "warning").length,
    });
  }
  return results;
}
