import type { Manifest, ParseManifestResult } from "@switchyard/sdk";
import type { SourceText } from "./source-text.js";

/** How a rule's findings count: `error` fails the run, `warn` is shown (and counted by --max-warnings). */
export type RuleSeverity = "error" | "warn";
/** A rule's setting in switchyard-lint.json. */
export type RuleSetting = RuleSeverity | "off";

export interface RuleMeta {
  /** Public, stable id (kebab-case); the file is `rules/<id>.ts` and the doc `docs/rules/<id>.md`. */
  id: string;
  /** `problem`: the manifest is wrong or unsafe; `suggestion`: it works but invites mistakes. */
  type: "problem" | "suggestion";
  description: string;
  docs: { url: string };
  /** messageId → template; `{{name}}` is replaced by `data.name`. */
  messages: Readonly<Record<string, string>>;
  defaultSeverity: RuleSeverity;
  /**
   * True for rules that also run on manifests that failed the schema: `schema` (which reports
   * those problems) and `no-literal-secret` (a committed key is a leak whatever the shape). They
   * read `context.parse`, never `context.manifest`, on such files. All other rules run only on
   * manifests that parsed, so they can trust the schema's shape.
   */
  runsOnUnparsed?: boolean;
}

/** One manifest of the run, as the cross-file rules see it. */
export interface LintedManifest {
  filePath: string;
  manifest: Manifest;
}

export interface ReportDescriptor {
  messageId: string;
  /** JSON pointer into the manifest; "" is the root. */
  path: string;
  data?: Readonly<Record<string, string | number>>;
  /** For a finding about a key itself (an unknown key, a duplicate key): point at the key, not its value. */
  at?: "key" | "value";
  /** How to fix it, when the message alone does not say. */
  fix?: string;
}

export interface RuleContext {
  /** Absolute path of the manifest file. */
  readonly filePath: string;
  /** The file's text, as read, with positions and duplicate-key lookups. */
  readonly source: SourceText;
  /** The schema verdict (what parseManifest returned). */
  readonly parse: ParseManifestResult;
  /** The parsed manifest. Only rules with `runsOnUnparsed` may run without one, and they must not read it. */
  readonly manifest: Manifest;
  /** Every manifest of this run that parsed, in a stable order: what cross-file rules compare against. */
  readonly project: { readonly manifests: readonly LintedManifest[] };
  readonly options: LintOptions;
  report(descriptor: ReportDescriptor): void;
}

export interface LintOptions {
  /** Paths in messages are shown relative to this folder. */
  cwd: string;
  /** Import `entry` to compare its defineExtension() with the manifest (runs extension code). */
  checkEntry: boolean;
  /** The host API version `hostApi` ranges are checked against; defaults to the SDK's. */
  hostVersion: string;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void | Promise<void>;
}

/** Fills a message template: `{{name}}` → data.name (left as is when data has no such key). */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, key: string) =>
    Object.hasOwn(data, key) ? String(data[key]) : whole,
  );
}
