import { RULES_BY_ID, lintSources, type LintMessage, type LintRunOptions, type Rule } from "./index.js";
import { describe, expect, it } from "vitest";

/** A manifest given to the tester: JSON text (kept as written, so lines are yours) or a value. */
export type ManifestInput = string | Record<string, unknown>;

export interface RuleTesterCase {
  /** The test's name; default: the case's index and the first line of the manifest. */
  name?: string;
  manifest: ManifestInput;
  /** Absolute path the manifest pretends to live at (matters for `entry`); default a virtual path. */
  filePath?: string;
  /** Manifests linted alongside, for cross-file rules; their own reports are not checked. */
  others?: ReadonlyArray<ManifestInput | { filePath: string; manifest: ManifestInput }>;
  options?: Pick<LintRunOptions, "checkEntry" | "hostVersion" | "cwd">;
}

export interface ExpectedReport {
  /** One of the rule's meta.messages keys. Give messageId or ruleId (or both). */
  messageId?: string;
  ruleId?: string;
  /** JSON pointer the report points at. */
  path: string;
  line?: number;
  column?: number;
  /** The full message, or a pattern it must match. */
  message?: string | RegExp;
  /** The report's fix text, or a pattern it must match. */
  fix?: string | RegExp;
}

export interface InvalidCase extends RuleTesterCase {
  /** Every report the rule makes on `manifest`, in order of position. */
  errors: readonly ExpectedReport[];
}

export interface RuleTesterCases {
  valid: readonly RuleTesterCase[];
  invalid: readonly InvalidCase[];
}

const DEFAULT_DIRECTORY = "/rule-tester/extension";

/**
 * ESLint's RuleTester for manifest rules: each valid case must produce no report from the rule,
 * each invalid case exactly the listed reports. Cases become vitest tests (describe/it), so call
 * `run` at the top level of a *.test.ts file. A case whose manifest fails the schema is an error in
 * the test itself (other rules never see such manifests), unless the rule runs on unparsed files.
 */
export class RuleTester {
  run(rule: Rule, cases: RuleTesterCases): void {
    describe(rule.meta.id, () => {
      it("declares meta with an id, a description, a docs url and messages", () => {
        expect(rule.meta.id).toMatch(/^[a-z][a-z0-9-]*$/);
        expect(rule.meta.description.length).toBeGreaterThan(0);
        expect(rule.meta.docs.url).toMatch(new RegExp(`/${rule.meta.id}\\.md$`));
        expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
      });
      describe("valid", () => {
        cases.valid.forEach((testCase, index) => {
          it(caseName(testCase, index), () => assertValidCase(rule, testCase));
        });
      });
      describe("invalid", () => {
        cases.invalid.forEach((testCase, index) => {
          it(caseName(testCase, index), () => assertInvalidCase(rule, testCase));
        });
      });
    });
  }
}

/** Lints a valid case and fails (throws an assertion error) when the rule reports anything. */
export async function assertValidCase(rule: Rule, testCase: RuleTesterCase): Promise<void> {
  const messages = await runCase(rule, testCase);
  expect(messages.map(describeMessage), "a valid case must produce no reports").toEqual([]);
}

/** Lints an invalid case and fails unless the rule reports exactly `errors`, in order. */
export async function assertInvalidCase(rule: Rule, testCase: InvalidCase): Promise<void> {
  expect(testCase.errors.length, "an invalid case must list at least one expected report").toBeGreaterThan(0);
  for (const expected of testCase.errors) {
    expect(expected.messageId ?? expected.ruleId, "each expected report needs a messageId or a ruleId").toBeDefined();
    if (expected.messageId !== undefined) {
      expect(Object.keys(rule.meta.messages), `messageId "${expected.messageId}" is not in meta.messages`).toContain(expected.messageId);
    }
  }
  const messages = await runCase(rule, testCase);
  expect(messages.map(describeMessage)).toEqual(testCase.errors.map((expected, i) => describeExpected(expected, messages[i])));
}

async function runCase(rule: Rule, testCase: RuleTesterCase): Promise<LintMessage[]> {
  const filePath = testCase.filePath ?? `${DEFAULT_DIRECTORY}/switchyard.extension.json`;
  const others = (testCase.others ?? []).map((other, index) =>
    typeof other === "object" && "filePath" in other && "manifest" in other
      ? { filePath: String(other.filePath), text: toText(other.manifest as ManifestInput) }
      : { filePath: `${DEFAULT_DIRECTORY}-${index + 2}/switchyard.extension.json`, text: toText(other as ManifestInput) },
  );
  const options = { ...testCase.options, rules: [rule], settings: { [rule.meta.id]: "error" as const } };
  if (!rule.meta.runsOnUnparsed) {
    // Lint with the schema too: a fixture that does not parse would make the rule silently skip it.
    const schemaRule = RULES_BY_ID.get("schema");
    if (!schemaRule) throw new Error('@switchyard/lint has no "schema" rule');
    const checked = await lintSources([{ filePath, text: toText(testCase.manifest) }, ...others], { ...options, rules: [schemaRule] });
    const problems = checked.flatMap((result) => result.messages.map((m) => `${result.filePath}#${m.path}: ${m.message}`));
    expect(problems, "the case's manifests must pass the schema, or the rule never runs on them").toEqual([]);
  }
  const [result] = await lintSources([{ filePath, text: toText(testCase.manifest) }, ...others], options);
  return result?.messages ?? [];
}

function toText(manifest: ManifestInput): string {
  return typeof manifest === "string" ? manifest : `${JSON.stringify(manifest, null, 2)}\n`;
}

function caseName(testCase: RuleTesterCase, index: number): string {
  if (testCase.name) return testCase.name;
  const text = toText(testCase.manifest).replace(/\s+/g, " ");
  return `#${index + 1} ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`;
}

function describeMessage(message: LintMessage): Record<string, unknown> {
  return {
    ruleId: message.ruleId,
    messageId: message.messageId,
    path: message.path,
    line: message.line,
    column: message.column,
    message: message.message,
    fix: message.fix,
  };
}

/** The expected report with the actual's values filled in for fields the case does not pin down. */
function describeExpected(expected: ExpectedReport, actual: LintMessage | undefined): Record<string, unknown> {
  return {
    ruleId: expected.ruleId ?? actual?.ruleId,
    messageId: expected.messageId ?? actual?.messageId,
    path: expected.path,
    line: expected.line ?? actual?.line,
    column: expected.column ?? actual?.column,
    message: matches(expected.message, actual?.message) ? actual?.message : expected.message,
    fix: matches(expected.fix, actual?.fix) ? actual?.fix : expected.fix,
  };
}

function matches(expected: string | RegExp | undefined, actual: string | undefined): boolean {
  if (expected === undefined) return true;
  return typeof expected === "string" ? actual === expected : expected.test(actual ?? "");
}
