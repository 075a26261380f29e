import { describe, expect, it } from "vitest";
import { manifest } from "./test-support/manifest.js";
import { lintSources } from "./lint-engine.js";
import type { Rule } from "./rule.js";

const text = JSON.stringify(manifest(), null, 2);
const rule = (check: Rule["check"]): Rule => ({
  meta: { id: "broken-rule", type: "problem", description: "x", docs: { url: "x" }, messages: { found: "found {{what}}" }, defaultSeverity: "error" },
  check,
});

describe("lint engine", () => {
  it("wraps a rule that throws in SY_ERR_LINT_RULE_FAILED naming the rule and the file", async () => {
    const failing = rule(() => {
      throw new Error("boom");
    });
    await expect(lintSources([{ filePath: "/x/switchyard.extension.json", text }], { rules: [failing] })).rejects.toMatchObject({
      code: "SY_ERR_LINT_RULE_FAILED",
      message: expect.stringContaining('Rule "broken-rule" crashed on /x/switchyard.extension.json: boom'),
    });
  });

  it("treats a report with an undeclared messageId as a rule bug", async () => {
    const sloppy = rule((context) => context.report({ messageId: "typo", path: "" }));
    await expect(lintSources([{ filePath: "/x/m.json", text }], { rules: [sloppy] })).rejects.toMatchObject({ code: "SY_ERR_LINT_RULE_FAILED" });
  });

  it("fills message templates, applies warn severity and sorts by position", async () => {
    const reporting = rule((context) => {
      context.report({ messageId: "found", path: "/providers/0/baseUrl", data: { what: "second" } });
      context.report({ messageId: "found", path: "/id", data: { what: "first" } });
    });
    const [result] = await lintSources([{ filePath: "/x/m.json", text }], { rules: [reporting], settings: { "broken-rule": "warn" } });
    expect(result!.messages.map((message) => [message.message, message.severity, message.line])).toEqual([
      ["found first", "warning", 3],
      ["found second", "warning", 10],
    ]);
    expect([result!.errorCount, result!.warningCount]).toEqual([0, 2]);
  });

  it("reads a manifest with a UTF-8 byte order mark", async () => {
    const [result] = await lintSources([{ filePath: "/x/m.json", text: `\uFEFF${text}` }]);
    expect(result!.messages).toEqual([]);
  });
});
