import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Run under plain Node, against the built module: vitest's own module runner would answer the
// import() half itself, with a module cache of its own, and hide what Node does.
const built = fileURLToPath(new URL("../dist/load-entry.js", import.meta.url));
const canRequireEsm = (process.features as { require_module?: boolean }).require_module === true;

interface Outcome {
  sync: boolean;
  value?: unknown;
  error?: { message: string; code?: string };
  /** How often the entry's body ran, counted by the entry itself. */
  evaluations: number;
  /** Whether a later import() of the same file gives the same default export. */
  sameAsImport?: boolean;
}

const ENTRIES: Record<string, string> = {
  "plain.mjs": "export default { id: 'plain' };",
  "awaits.mjs": "await new Promise((resolve) => setTimeout(resolve, 5));\nexport default { id: 'awaits' };",
  "common.cjs": "module.exports = { id: 'common' };",
  "throws.mjs": "throw new Error('entry broke');",
  "throws.cjs": "throw new Error('cjs broke ' + globalThis.evaluations['throws.cjs']);",
  "plain-dep.mjs": "export const here = 1;",
  "bad-import.mjs": "import { nope } from './plain-dep.mjs';\nexport default { nope };",
};

let folder = "";
let outcomes: Record<string, Outcome> = {};

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), "sy-load-entry-"));
  for (const [name, body] of Object.entries(ENTRIES)) {
    writeFileSync(path.join(folder, name), `globalThis.evaluations = { ...globalThis.evaluations, ${JSON.stringify(name)}: (globalThis.evaluations?.[${JSON.stringify(name)}] ?? 0) + 1 };\n${body}\n`);
  }
  const script = `
    import { pathToFileURL } from "node:url";
    const { loadEntry } = await import(${JSON.stringify(pathToFileURL(built).href)});
    const outcomes = {};
    for (const name of ${JSON.stringify([...Object.keys(ENTRIES), "missing.mjs"])}) {
      const file = ${JSON.stringify(folder + path.sep)} + name;
      let sync = true, value, error, sameAsImport;
      try {
        const loaded = loadEntry(file);
        sync = !(loaded instanceof Promise);
        value = (await loaded).default;
        sameAsImport = (await import(pathToFileURL(file).href)).default === value;
      } catch (caught) {
        error = { message: caught.message, code: caught.code };
      }
      outcomes[name] = { sync, value, error, sameAsImport, evaluations: globalThis.evaluations?.[name] ?? 0 };
    }
    console.log(JSON.stringify(outcomes));
  `;
  outcomes = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as Record<string, Outcome>;
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("loadEntry", () => {
  it("loads an ES module without an await where Node can require() it, the same module import() then sees", () => {
    expect(outcomes["plain.mjs"]).toEqual({ sync: canRequireEsm, value: { id: "plain" }, sameAsImport: true, evaluations: 1 });
  });

  it("leaves an entry with top-level await to import(), evaluated once, with the awaited value", () => {
    expect(outcomes["awaits.mjs"]).toEqual({ sync: false, value: { id: "awaits" }, sameAsImport: true, evaluations: 1 });
  });

  it("gives a CommonJS entry import()'s namespace (module.exports as default), evaluated once", () => {
    expect(outcomes["common.cjs"]).toEqual({ sync: false, value: { id: "common" }, sameAsImport: true, evaluations: 1 });
  });

  it("rejects with the error an entry throws, having run it once", () => {
    expect(outcomes["throws.mjs"]).toMatchObject({ error: { message: "entry broke" }, evaluations: 1 });
  });

  it("runs a throwing CommonJS entry once and reports that run's error", () => {
    expect(outcomes["throws.cjs"]).toMatchObject({ sync: false, error: { message: "cjs broke 1" }, evaluations: 1 });
  });

  it("reports an entry that imports a missing export with Node's own SyntaxError, not an internal assertion", () => {
    expect(outcomes["bad-import.mjs"]?.error?.message).toContain("does not provide an export named 'nope'");
  });

  it("rejects a missing file with import()'s ERR_MODULE_NOT_FOUND, not require()'s code", () => {
    expect(outcomes["missing.mjs"]).toMatchObject({ sync: false, error: { code: "ERR_MODULE_NOT_FOUND" }, evaluations: 0 });
  });
});
