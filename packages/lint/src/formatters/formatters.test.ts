import { describe, expect, it } from "vitest";
import type { LintResult } from "../lint-engine.js";
import { RULES } from "../rules/index.js";
import { escapeData, escapeProperty } from "./github.js";
import { FORMATTERS, github, sarif, stylish } from "./index.js";

const results: LintResult[] = [
  {
    filePath: "/repo/extensions/acme/switchyard.extension.json",
    messages: [
      { ruleId: "secure-scheme", messageId: "insecureScheme", severity: "error", message: "http on a public host", fix: "Use https://.", path: "/providers/0/baseUrl", line: 10, column: 18 },
      { ruleId: "alias-collision", messageId: "selfAlias", severity: "warning", message: "50% done,\nnext: line", path: "/providers/0/models/aliases/x", line: 12, column: 3 },
    ],
    errorCount: 1,
    warningCount: 1,
  },
  { filePath: "/repo/extensions/clean/switchyard.extension.json", messages: [], errorCount: 0, warningCount: 0 },
];
const severities = Object.fromEntries(RULES.map((rule) => [rule.meta.id, rule.meta.id === "alias-collision" ? "warn" : "error"])) as Record<string, "error" | "warn">;
const context = { cwd: "/repo", color: false, rules: RULES, severities };

describe("stylish", () => {
  it("groups problems under the relative file path and sums them up, without colour off a TTY", () => {
    const output = stylish(results, context);
    expect(output).toBe(
      [
        "extensions/acme/switchyard.extension.json",
        "  10:18  error    http on a public host Fix: Use https://.  secure-scheme",
        "  12:3   warning  50% done,\nnext: line  alias-collision",
        "",
        "✖ 2 problems (1 error, 1 warning) in 2 manifests",
        "",
      ].join("\n"),
    );
    expect(output).not.toContain("\u001b[");
  });

  it("uses colour only when asked (the CLI asks on a TTY without NO_COLOR)", () => {
    expect(stylish(results, { ...context, color: true })).toContain("\u001b[31m");
  });

  it("says so when there is nothing to report", () => {
    expect(stylish([results[1]!], context)).toBe("✔ 1 manifest linted, no problems\n");
  });
});

describe("json", () => {
  it("prints the results array with line and column for each message", () => {
    const parsed = JSON.parse(FORMATTERS.json!(results, context)) as LintResult[];
    expect(parsed[0]).toMatchObject({ filePath: results[0]!.filePath, errorCount: 1, warningCount: 1 });
    expect(parsed[0]!.messages[0]).toMatchObject({ ruleId: "secure-scheme", severity: "error", message: "http on a public host", path: "/providers/0/baseUrl", line: 10, column: 18 });
  });
});

describe("sarif", () => {
  it("is a SARIF 2.1.0 log with the rules and one located result per problem", () => {
    const log = JSON.parse(sarif(results, context));
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe("switchyard-lint");
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULES.map((rule) => rule.meta.id));
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.helpUri).toMatch(new RegExp(`^https://.*/docs/rules/${rule.id}\\.md$`));
      expect(["error", "warning"]).toContain(rule.defaultConfiguration.level);
    }
    expect(driver.rules.find((rule: { id: string }) => rule.id === "alias-collision").defaultConfiguration.level).toBe("warning");
    const [first, second] = log.runs[0].results;
    expect(log.runs[0].results).toHaveLength(2);
    expect(first).toMatchObject({
      ruleId: "secure-scheme",
      level: "error",
      message: { text: "http on a public host Fix: Use https://." },
      locations: [{ physicalLocation: { artifactLocation: { uri: "extensions/acme/switchyard.extension.json" }, region: { startLine: 10, startColumn: 18 } } }],
    });
    expect(driver.rules[first.ruleIndex].id).toBe("secure-scheme");
    expect(second).toMatchObject({ ruleId: "alias-collision", level: "warning" });
    expect(driver.rules[second.ruleIndex].id).toBe("alias-collision");
  });
});

describe("github", () => {
  it("prints one workflow annotation per problem with file, line, col and the rule as title", () => {
    expect(github(results, context)).toBe(
      "::error file=extensions/acme/switchyard.extension.json,line=10,col=18,title=secure-scheme::http on a public host Fix: Use https://.\n" +
        "::warning file=extensions/acme/switchyard.extension.json,line=12,col=3,title=alias-collision::50%25 done,%0Anext: line\n",
    );
  });

  it("escapes %, CR and LF in messages, and also : and , in properties", () => {
    expect(escapeData("100% a\r\nb: c, d")).toBe("100%25 a%0D%0Ab: c, d");
    expect(escapeProperty("dir:a,b/%x\n")).toBe("dir%3Aa%2Cb/%25x%0A");
    const tricky: LintResult = { ...results[0]!, filePath: "/repo/we,ird:dir/switchyard.extension.json", messages: [results[0]!.messages[0]!] };
    expect(github([tricky], context)).toContain("::error file=we%2Cird%3Adir/switchyard.extension.json,line=10");
  });

  it("prints nothing for clean results", () => {
    expect(github([results[1]!], context)).toBe("");
  });
});
