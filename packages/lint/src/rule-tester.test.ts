import type { Rule } from "./index.js";
import { describe, expect, it } from "vitest";
import { RuleTester, assertInvalidCase, assertValidCase } from "./rule-tester.js";

// A tiny rule: reports every provider whose id is "forbidden".
const forbiddenRule: Rule = {
  meta: {
    id: "no-forbidden",
    type: "problem",
    description: "No provider is called forbidden.",
    docs: { url: "https://example.test/no-forbidden.md" },
    messages: { forbidden: 'Provider "{{id}}" is forbidden.' },
    defaultSeverity: "error",
  },
  check(context) {
    context.manifest.providers.forEach((provider, index) => {
      if (provider.id === "forbidden") context.report({ messageId: "forbidden", path: `/providers/${index}/id`, data: { id: provider.id } });
    });
  },
};

const manifest = (providerId: string) => ({
  manifestVersion: 1,
  id: "x",
  version: "1.0.0",
  hostApi: "^0.1.0",
  providers: [{ id: providerId, api: "openai-responses", baseUrl: "https://a.test", origins: ["https://a.test"], models: {}, transports: { http: {} } }],
});

describe("RuleTester", () => {
  it("passes a valid case without reports and an invalid case with exactly the expected ones", async () => {
    await assertValidCase(forbiddenRule, { manifest: manifest("fine") });
    await assertInvalidCase(forbiddenRule, {
      manifest: manifest("forbidden"),
      errors: [{ messageId: "forbidden", path: "/providers/0/id", line: 8, column: 13, message: 'Provider "forbidden" is forbidden.' }],
    });
  });

  it("fails a valid case the rule reports on", async () => {
    await expect(assertValidCase(forbiddenRule, { manifest: manifest("forbidden") })).rejects.toThrow(/no reports/);
  });

  it("fails an invalid case whose path, line, message or count differ", async () => {
    const testCase = { manifest: manifest("forbidden") };
    await expect(assertInvalidCase(forbiddenRule, { ...testCase, errors: [{ messageId: "forbidden", path: "/providers/0" }] })).rejects.toThrow();
    await expect(assertInvalidCase(forbiddenRule, { ...testCase, errors: [{ messageId: "forbidden", path: "/providers/0/id", line: 2 }] })).rejects.toThrow();
    await expect(assertInvalidCase(forbiddenRule, { ...testCase, errors: [{ ruleId: "no-forbidden", path: "/providers/0/id", message: /allowed/ }] })).rejects.toThrow();
    await expect(
      assertInvalidCase(forbiddenRule, { ...testCase, errors: [{ messageId: "forbidden", path: "/providers/0/id" }, { messageId: "forbidden", path: "/providers/0/id" }] }),
    ).rejects.toThrow();
  });

  it("fails an invalid case that lists no errors or a messageId the rule does not declare", async () => {
    await expect(assertInvalidCase(forbiddenRule, { manifest: manifest("forbidden"), errors: [] })).rejects.toThrow(/at least one/);
    await expect(assertInvalidCase(forbiddenRule, { manifest: manifest("forbidden"), errors: [{ messageId: "nope", path: "/providers/0/id" }] })).rejects.toThrow(
      /not in meta.messages/,
    );
  });

  it("fails a case whose manifest does not pass the schema, since the rule would silently skip it", async () => {
    await expect(assertValidCase(forbiddenRule, { manifest: { ...manifest("fine"), colour: "red" } })).rejects.toThrow(/must pass the schema/);
  });

  it("lints the other manifests of a case alongside, for cross-file rules", async () => {
    const crossFile: Rule = {
      ...forbiddenRule,
      meta: { ...forbiddenRule.meta, messages: { count: "{{count}} manifests" } },
      check(context) {
        context.report({ messageId: "count", path: "", data: { count: context.project.manifests.length } });
      },
    };
    await assertInvalidCase(crossFile, { manifest: manifest("a"), others: [manifest("b"), manifest("c")], errors: [{ messageId: "count", path: "", message: "3 manifests" }] });
  });
});

// The class itself, as rule test files use it: these register real vitest tests.
new RuleTester().run(forbiddenRule, {
  valid: [{ manifest: manifest("fine") }],
  invalid: [{ manifest: manifest("forbidden"), errors: [{ messageId: "forbidden", path: "/providers/0/id" }] }],
});
