import { readFileSync, readdirSync } from "node:fs";
import { Value } from "@sinclair/typebox/value";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOAD_CHECKS, ManifestSchema, parseManifest } from "./index.js";

const valid = {
  manifestVersion: 1,
  id: "demo",
  version: "1.0.0",
  hostApi: "^0.1.0",
  providers: [
    {
      id: "demo",
      api: "openai-responses",
      baseUrl: "https://api.demo.test/v1",
      origins: ["https://api.demo.test"],
      models: { default: "m" },
      transports: { http: {}, websocket: { url: "wss://api.demo.test/v1/responses", stability: "stable" } },
    },
  ],
};
const clone = () => JSON.parse(JSON.stringify(valid));

describe("parseManifest", () => {
  it("accepts a valid manifest and the four shipped ones", () => {
    expect(parseManifest(valid)).toMatchObject({ ok: true, problems: [] });
    const root = new URL("../../../extensions/", import.meta.url);
    for (const folder of readdirSync(root)) {
      const text = readFileSync(new URL(`${folder}/switchyard.extension.json`, root), "utf8");
      const parsed = parseManifest(text);
      expect(parsed.ok, folder).toBe(true);
      if (parsed.ok) expect(LOAD_CHECKS.flatMap((c) => c.check(parsed.manifest)), folder).toEqual([]);
    }
  });

  it("reports an unknown key with its JSON path, a stable code and a fix", () => {
    const manifest = clone();
    manifest.providers[0].transports.websocket.maxConnectionAge = 5;
    const result = parseManifest(manifest);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: "SY_ERR_MANIFEST_UNKNOWN_KEY",
        path: "/providers/0/transports/websocket/maxConnectionAge",
        message: expect.stringContaining('Unknown key "maxConnectionAge"'),
        fix: expect.stringContaining("Remove it"),
      }),
    ]);
  });

  it("reports a missing key once, and a wrong value with what is allowed", () => {
    const manifest = clone();
    delete manifest.providers[0].origins;
    manifest.providers[0].transports.websocket.stability = "beta";
    const result = parseManifest(manifest);
    expect(result.problems.map((p) => [p.code, p.path])).toEqual([
      ["SY_ERR_MANIFEST_MISSING_KEY", "/providers/0/origins"],
      ["SY_ERR_MANIFEST_INVALID_VALUE", "/providers/0/transports/websocket/stability"],
    ]);
    expect(result.problems[1]?.message).toContain('"stable", "experimental"');
  });

  it("reports invalid JSON text with the parser's reason", () => {
    expect(parseManifest("{ nope", { file: "x.json" }).problems[0]).toMatchObject({ code: "SY_ERR_MANIFEST_INVALID_JSON", message: expect.stringContaining("x.json") });
  });

  it("never throws, whatever JSON it is given", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseManifest(value);
        expect(typeof result.ok).toBe("boolean");
        if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.string(), (text) => void parseManifest(text)), { numRuns: 300 });
  });

  it("never throws on mutations of a valid manifest, and every problem has a code, path and fix", () => {
    const mutation = fc.record({ key: fc.constantFrom("id", "api", "baseUrl", "origins", "models", "transports", "extra"), value: fc.jsonValue() });
    fc.assert(
      fc.property(mutation, ({ key, value }) => {
        const manifest = clone();
        manifest.providers[0][key] = value;
        const result = parseManifest(manifest);
        for (const p of result.problems) {
          expect(p.code).toMatch(/^SY_ERR_MANIFEST_/);
          expect(p.path.startsWith("/")).toBe(true);
          expect(p.fix.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("accepts exactly the manifests in which the full schema walk finds no error (the compiled check agrees with it)", () => {
    // Values near the schema's edges: valid alternatives, wrong types, pattern and header edge cases.
    const edgy = fc.oneof(
      fc.jsonValue(),
      fc.string(),
      fc.constantFrom("demo", "Demo", "", "x".repeat(65), "https://api.demo.test", ["https://api.demo.test"], [], { "X-Ok": "v" }, { "X Bad": "v" }, { "X-Ok": "a\nb" }, { "X-Ok": "tab\there" }),
    );
    const spots: Array<(manifest: ReturnType<typeof clone>, value: unknown) => void> = [
      (m, v) => (m.providers[0].id = v),
      (m, v) => (m.providers[0].origins = v),
      (m, v) => (m.providers[0].models.default = v),
      (m, v) => (m.providers[0].transports.http = { headers: v }),
      (m, v) => (m.providers[0].transports.websocket.url = v),
      (m, v) => (m.providers[0].name = v),
      (m, v) => (m.description = v),
      (m, v) => (m.id = v),
    ];
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.nat(spots.length - 1), edgy, (spot, value) => {
        const manifest = clone();
        spots[spot]?.(manifest, value);
        const walk = [...Value.Errors(ManifestSchema, manifest)];
        const result = parseManifest(manifest);
        expect(result.ok).toBe(walk.length === 0);
        if (result.ok) accepted++;
        else refused++;
      }),
      { numRuns: 600 },
    );
    // Both outcomes must have been exercised, or the agreement says nothing.
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });

  it("refuses a manifest over 1 MiB or nested deeper than 64 before parsing it, with a coded problem", () => {
    const big = JSON.stringify({ ...valid, description: "x".repeat(1024 * 1024) });
    expect(parseManifest(big, { file: "big.json" }).problems).toEqual([
      expect.objectContaining({ code: "SY_ERR_MANIFEST_TOO_LARGE", path: "", message: expect.stringContaining("big.json is 1048") }),
    ]);
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    expect(parseManifest(deep).problems).toEqual([expect.objectContaining({ code: "SY_ERR_MANIFEST_TOO_DEEP" })]);
    const circular: Record<string, unknown> = { ...clone() };
    circular.self = circular;
    expect(parseManifest(circular).problems).toEqual([expect.objectContaining({ code: "SY_ERR_MANIFEST_TOO_DEEP" })]);
    // Braces inside strings are not nesting.
    expect(parseManifest(JSON.stringify({ ...valid, description: "{[".repeat(100) })).ok).toBe(true);
  });

  it("refuses a header name that is not a token and a value with CR/LF, as SY_ERR_MANIFEST_INVALID_HEADER", () => {
    const manifest = clone();
    manifest.providers[0].transports.http = { headers: { "X-Bad\r\nInjected": "v", "X-Split": "a\r\nX-Evil: 1" } };
    manifest.providers[0].auth = { scheme: "header", header: "x api key", env: ["K"] };
    const result = parseManifest(manifest);
    expect(result.problems.map((p) => [p.code, p.path])).toEqual([
      ["SY_ERR_MANIFEST_INVALID_HEADER", "/providers/0/auth/header"],
      ["SY_ERR_MANIFEST_INVALID_HEADER", "/providers/0/transports/http/headers/X-Split"],
      ["SY_ERR_MANIFEST_INVALID_HEADER", "/providers/0/transports/http/headers/X-Bad\r\nInjected"],
    ]);
    expect(result.problems[2]?.message).toContain('"X-Bad\\r\\nInjected"');
  });
});
