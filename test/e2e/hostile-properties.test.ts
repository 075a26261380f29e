import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@switchyard/core";
import { RULES_BY_ID, lintSources } from "@switchyard/lint";
import { LOAD_CHECKS, compileAcceptPattern, isSwitchyardError, parseManifest, type ManifestProblem } from "@switchyard/sdk";

/*
 * Property suite: arbitrary JSON, oversized strings, deep nesting, random header bytes and random
 * patterns thrown at parseManifest, the load checks, the config parser and the linter. Each case
 * must end with success or a coded problem: never an uncoded throw, a crash or a stall (the bound
 * is each test's own timeout, not a timed assertion).
 */

const BOUND_MS = 60_000;
const CODED = /^SY_ERR_[A-Z0-9_]+$/;

const valid = () => ({
  manifestVersion: 1,
  id: "prop",
  version: "1.0.0",
  hostApi: "^0.1.0",
  providers: [
    {
      id: "prop",
      api: "openai-responses",
      baseUrl: "https://api.prop.test/v1",
      origins: ["https://api.prop.test"],
      models: { default: "m" },
      transports: { http: { headers: { "X-Ok": "1" } }, websocket: { url: "wss://api.prop.test/v1/responses" } },
    },
  ],
});

/** parseManifest, then (when it parsed) every load check: the host's whole verdict on one input. */
function verdict(input: unknown): ManifestProblem[] {
  const parsed = parseManifest(input);
  return parsed.ok ? LOAD_CHECKS.flatMap(({ check }) => check(parsed.manifest)) : parsed.problems;
}

function expectCoded(problems: readonly ManifestProblem[]): void {
  for (const p of problems) {
    expect(p.code).toMatch(CODED);
    expect(typeof p.path).toBe("string");
    expect(p.fix.length).toBeGreaterThan(0);
  }
}

/** Nests `leaf` `depth` levels deep in arrays and objects, as text (so no recursion builds it). */
const nested = fc.record({ depth: fc.integer({ min: 1, max: 20_000 }), objects: fc.boolean() }).map(({ depth, objects }) => ({
  depth,
  text: objects ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` : `${"[".repeat(depth)}1${"]".repeat(depth)}`,
}));

// Random bytes as a header name or value, decoded as Latin-1 the way a server reads them.
const headerBytes = fc.uint8Array({ minLength: 0, maxLength: 24 }).map((bytes) => Buffer.from(bytes).toString("latin1"));

/** Paths in a valid manifest where a mutation lands. */
const slots = fc.constantFrom(
  ["providers", 0, "baseUrl"],
  ["providers", 0, "origins", 0],
  ["providers", 0, "models", "accept"],
  ["providers", 0, "transports", "websocket", "url"],
  ["providers", 0, "auth"],
  ["entry"],
  ["hostApi"],
  ["providers", 0, "api"],
);

function setAt(target: Record<string, unknown>, path: ReadonlyArray<string | number>, value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}

describe("hostile input properties", () => {
  it("parseManifest and the load checks answer any JSON value or text with success or coded problems", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        expectCoded(verdict(value));
        expectCoded(verdict(JSON.stringify(value) ?? "null"));
      }),
      { numRuns: 400 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => expectCoded(verdict(text))), { numRuns: 300 });
  }, BOUND_MS);

  it("a valid manifest with any slot replaced by any JSON or string still gets a coded verdict", () => {
    fc.assert(
      fc.property(slots, fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.string({ unit: "binary", maxLength: 300 })), (slot, value) => {
        const manifest = valid();
        setAt(manifest, slot, value);
        expectCoded(verdict(manifest));
      }),
      { numRuns: 500 },
    );
  }, BOUND_MS);

  it("deep nesting up to 20 000 levels is refused as SY_ERR_MANIFEST_TOO_DEEP past 64, by host and linter alike", async () => {
    await fc.assert(
      fc.asyncProperty(nested, async ({ depth, text }) => {
        const problems = verdict(text);
        expectCoded(problems);
        if (depth > 64) expect(problems.map((p) => p.code)).toEqual(["SY_ERR_MANIFEST_TOO_DEEP"]);
        const [result] = await lintSources([{ filePath: "/prop/switchyard.extension.json", text }]);
        expect(result?.messages.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  }, BOUND_MS);

  it("oversized strings are refused as SY_ERR_MANIFEST_TOO_LARGE past 1 MiB and scanned safely below it", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 900_000, max: 1_200_000 }), fc.constantFrom("a", "Zx8-", "é", "sk-"), async (length, unit) => {
        const text = JSON.stringify({ ...valid(), description: unit.repeat(Math.ceil(length / unit.length)) });
        const problems = verdict(text);
        expectCoded(problems);
        if (Buffer.byteLength(text) > 1024 * 1024) expect(problems.map((p) => p.code)).toEqual(["SY_ERR_MANIFEST_TOO_LARGE"]);
        const [result] = await lintSources([{ filePath: "/prop/switchyard.extension.json", text }]);
        for (const message of result?.messages ?? []) expect(RULES_BY_ID.has(message.ruleId)).toBe(true);
      }),
      { numRuns: 12 },
    );
  }, BOUND_MS);

  it("random header bytes are accepted only when a fetch Headers object would accept them too", () => {
    fc.assert(
      fc.property(headerBytes, headerBytes, (name, value) => {
        const manifest = valid();
        setAt(manifest, ["providers", 0, "transports", "http", "headers"], { [name]: value });
        const problems = verdict(manifest);
        expectCoded(problems);
        const accepted = !problems.some((p) => p.code === "SY_ERR_MANIFEST_INVALID_HEADER" || p.code === "SY_ERR_MANIFEST_INVALID_VALUE" || p.code === "SY_ERR_MANIFEST_UNKNOWN_KEY");
        if (accepted) expect(() => new Headers([[name, value]])).not.toThrow();
        let configAccepted = true;
        try {
          parseConfig({ providers: { prop: { headers: { [name]: value } } } });
        } catch (error) {
          configAccepted = false;
          expect(isSwitchyardError(error) && error.code).toBe("SY_ERR_CONFIG_INVALID");
          // Config header values are secrets: never quoted back.
          if (value.length >= 4) expect((error as Error).message).not.toContain(value);
        }
        expect(configAccepted).toBe(accepted);
      }),
      { numRuns: 500 },
    );
  }, BOUND_MS);

  it("random accept patterns compile under RE2 or are refused, and a compiled one matches long ids in linear time", () => {
    const pattern = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.array(fc.constantFrom("(", ")", "a", "|", "+", "*", "?", "{2,}", "\\1", "(?=", "(?!", "[", "]", "^", "$", ".", "\\"), { maxLength: 30 }).map((parts) => parts.join("")),
    );
    fc.assert(
      fc.property(pattern, fc.string({ maxLength: 3_000 }), (source, id) => {
        const compiled = compileAcceptPattern(source);
        if (compiled.ok) expect(typeof compiled.matcher.test(`${id}${"a".repeat(2_000)}!`)).toBe("boolean");
        const manifest = valid();
        setAt(manifest, ["providers", 0, "models", "accept"], source);
        const problems = verdict(manifest);
        expectCoded(problems);
        expect(problems.some((p) => p.code === "SY_ERR_MANIFEST_BAD_PATTERN" || p.path.endsWith("/models/accept"))).toBe(!compiled.ok || source === "");
      }),
      { numRuns: 400 },
    );
  }, BOUND_MS);

  it("the config parser answers any JSON with a config or SY_ERR_CONFIG_INVALID", () => {
    const providerConfig = fc.dictionary(
      fc.constantFrom("baseUrl", "websocketUrl", "transport", "headers", "cooldownMs", "maxCooldownMs", "timeouts", "extra"),
      fc.jsonValue({ maxDepth: 3 }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 5 }), fc.record({ providers: fc.dictionary(fc.string(), providerConfig), hookTimeoutMs: fc.jsonValue() })), (input) => {
        try {
          parseConfig(input);
        } catch (error) {
          expect(isSwitchyardError(error) && error.code).toBe("SY_ERR_CONFIG_INVALID");
        }
      }),
      { numRuns: 400 },
    );
  }, BOUND_MS);

  it("the linter answers any text with results whose messages come from registered rules, never a throw", async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.stringify(value) ?? "null"),
      fc.tuple(slots, fc.jsonValue({ maxDepth: 3 })).map(([slot, value]) => {
        const manifest = valid();
        setAt(manifest, slot, value);
        return JSON.stringify(manifest);
      }),
    );
    await fc.assert(
      fc.asyncProperty(text, async (source) => {
        const results = await lintSources([{ filePath: "/prop/ext/switchyard.extension.json", text: source }]);
        expect(results).toHaveLength(1);
        for (const message of results[0]?.messages ?? []) {
          expect(RULES_BY_ID.has(message.ruleId)).toBe(true);
          expect(message.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  }, BOUND_MS);
});
