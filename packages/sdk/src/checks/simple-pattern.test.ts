import fc from "fast-check";
import { RE2JS } from "re2js";
import { describe, expect, it } from "vitest";
import { compileSimplePattern } from "./simple-pattern.js";

// Patterns from the language's pieces, quantified and nested at random, anchored or not.
const single = fc.constantFrom("a", "b", "-", "0", "9", "x", "/", ":", " ", "\\.", "\\-", "\\/", "\\+", ".", "\\d", "[a-z]", "[a-z0-9.-]", "[0-9]", "[-a]", "[ab-]", "[A-Za-z0-9._:/-]", "[.]", "[\\]x]");
const quantifier = fc.oneof(
  fc.constantFrom("", "", "", "*", "+", "?", "*?", "+?", "??"),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom("{n}", "{n,}", "{n,m}")).map(([low, extra, form]) =>
    form.replace("n", String(low)).replace("m", String(low + extra)),
  ),
);
const groupQuantifier = fc.constantFrom("", "", "*", "+", "?");
const { alternation } = fc.letrec((tie) => ({
  atom: fc.oneof(
    { weight: 5, arbitrary: fc.tuple(single, quantifier).map(([atom, repeat]) => atom + repeat) },
    { weight: 1, arbitrary: fc.constantFrom("^", "$") },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("(", "(?:"), tie("alternation"), groupQuantifier).map(([open, inner, repeat]) => `${open}${inner})${repeat}`) },
  ),
  sequence: fc.array(tie("atom"), { maxLength: 4 }).map((atoms) => atoms.join("")),
  alternation: fc.array(tie("sequence"), { minLength: 1, maxLength: 3 }).map((options) => options.join("|")),
}));
const pattern = fc.tuple(fc.boolean(), alternation, fc.boolean()).map(([begin, body, end]) => `${begin ? "^" : ""}${body}${end ? "$" : ""}`);
const input = fc.array(fc.constantFrom("a", "b", "x", "-", "0", "9", ".", "/", ":", " ", "+", "]", "\n", "A", "_", "é", "😀"), { maxLength: 8 }).map((chars) => chars.join(""));

describe("compileSimplePattern", () => {
  it("accepts only patterns RE2 accepts, and answers test() as RE2 does on every input", () => {
    const runs = Number(process.env.SY_PATTERN_RUNS ?? 4_000);
    let accepted = 0;
    fc.assert(
      fc.property(pattern, fc.array(input, { minLength: 1, maxLength: 10 }), (source, inputs) => {
        const simple = compileSimplePattern(source);
        if (!simple) return;
        accepted++;
        const re2 = RE2JS.compile(source); // throws if RE2 refuses what the simple matcher took
        for (const text of inputs) expect(simple.test(text), `${JSON.stringify(source)} on ${JSON.stringify(text)}`).toBe(re2.test(text));
      }),
      { numRuns: runs },
    );
    // The language covers most of what is generated: the rest (a counted repeat inside a repeated group) is RE2's.
    expect(accepted).toBeGreaterThan(runs * 0.7);
  });

  it("takes every accept pattern the shipped extensions and the start-up bench declare", () => {
    for (const source of ["^claude-[a-z0-9.-]+$", "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$", "^(gpt-|o[0-9]|chatgpt-|codex-)", "^(bench|bench-ext-0001)-[a-z0-9.-]+$"]) {
      expect(compileSimplePattern(source), source).toBeDefined();
    }
    const openai = compileSimplePattern("^(gpt-|o[0-9]|chatgpt-|codex-)");
    expect(["gpt-5.4", "o3-mini", "codex-mini", "chatgpt-4o"].map((id) => openai?.test(id))).toEqual([true, true, true, true]);
    expect(["claude-4", "o-3", "xgpt-5"].map((id) => openai?.test(id))).toEqual([false, false, false]);
  });

  it("leaves to RE2 what is outside the language, including what RE2 refuses", () => {
    for (const source of ["a**", "(?i)gpt", "[^a]", "\\bgpt", "a{1001}", "a{2,1}", "[z-a]", "(a", "a)", "[[:alpha:]]", "\\x41", "é", "a{,3}", "(?P<name>a)", "(a{2})+", "\\w+", "[a-c-e]", "a\\"]) {
      expect(compileSimplePattern(source), source).toBeUndefined();
    }
  });

  it("stays linear on input that makes a backtracking engine explode", () => {
    const nested = compileSimplePattern("^(a+)+$");
    // 2^40 paths for a backtracking engine; one pass over 40 characters here. No timing: it returns at all.
    expect(nested?.test(`${"a".repeat(40)}!`)).toBe(false);
    expect(nested?.test("a".repeat(40))).toBe(true);
  });
});
