import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ruleDocsUrl } from "./docs-url.js";
import type { Rule } from "./rule.js";
import { RULES } from "./rules/index.js";

const rulesFolder = join(import.meta.dirname, "rules");
const docsFolder = join(import.meta.dirname, "../docs/rules");
const readme = readFileSync(join(import.meta.dirname, "../README.md"), "utf8");

const ruleFiles = readdirSync(rulesFolder)
  .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && name !== "index.ts")
  .map((name) => name.slice(0, -".ts".length))
  .sort();
const docPages = readdirSync(docsFolder)
  .filter((name) => name.endsWith(".md"))
  .map((name) => name.slice(0, -".md".length))
  .sort();
const registered = RULES.map((rule) => rule.meta.id);

describe("rules, registry and docs stay in sync", () => {
  it("every rule file is registered, and every registered rule has a file", () => {
    expect([...registered].sort()).toEqual(ruleFiles);
  });

  it("every rule has a doc page, and every doc page belongs to a rule", () => {
    expect(docPages).toEqual(ruleFiles);
  });

  it("every rule file exports the rule named after it, with docs.url pointing at its page", async () => {
    for (const id of ruleFiles) {
      const module = (await import(/* @vite-ignore */ join(rulesFolder, `${id}.ts`))) as Record<string, unknown>;
      const rules = Object.values(module).filter((value): value is Rule => typeof value === "object" && value !== null && "meta" in value);
      expect(rules.map((rule) => rule.meta.id), `rules/${id}.ts`).toEqual([id]);
      expect(rules[0]!.meta.docs.url).toBe(ruleDocsUrl(id));
      expect(RULES).toContain(rules[0]);
    }
  });

  it("every doc page shows an incorrect and a correct example", () => {
    for (const id of docPages) {
      const page = readFileSync(join(docsFolder, `${id}.md`), "utf8");
      expect(page.startsWith(`# ${id}\n`), `${id}.md title`).toBe(true);
      expect(page, `${id}.md`).toMatch(/## Incorrect\n[\s\S]*```[\s\S]*## Correct\n[\s\S]*```/);
    }
  });

  it("every rule has its RuleTester test and a row in the README's rules table", () => {
    for (const id of ruleFiles) {
      expect(existsSync(join(rulesFolder, `${id}.test.ts`)), `rules/${id}.test.ts`).toBe(true);
      expect(readme, `README row for ${id}`).toContain(`[\`${id}\`](docs/rules/${id}.md)`);
    }
  });

  it("schema runs first, and only schema and no-literal-secret run on manifests that did not parse", () => {
    expect(registered[0]).toBe("schema");
    expect(RULES.filter((rule) => rule.meta.runsOnUnparsed).map((rule) => rule.meta.id)).toEqual(["schema", "no-literal-secret"]);
  });
});
