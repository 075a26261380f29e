import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
// A code, not a wildcard mention such as SY_ERR_TRANSPORT_* or SY_ERR_<AREA>_<WHAT>.
const CODE = /SY_ERR_[A-Z0-9_]*[A-Z0-9](?![A-Z0-9_*<$])/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => /\/src\//.test(`/${file}`) && file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.includes("__fixtures__") && !file.includes("node_modules"))
    .map((file) => path.join(root, folder, file));
}

function codesInSource(): Set<string> {
  const codes = new Set<string>();
  for (const file of [...sourceFiles("packages"), ...sourceFiles("extensions")]) {
    for (const match of readFileSync(file, "utf8").matchAll(CODE)) codes.add(match[0]);
  }
  return codes;
}

function codesInDocs(): Set<string> {
  const text = readFileSync(path.join(root, "docs/errors.md"), "utf8");
  return new Set([...text.matchAll(/^### (SY_ERR_[A-Z0-9_]+)\s*$/gm)].map((match) => match[1] as string));
}

describe("docs/errors.md", () => {
  it("documents every SY_ERR code the code uses", () => {
    const documented = codesInDocs();
    const undocumented = [...codesInSource()].filter((code) => !documented.has(code)).sort();
    expect(undocumented).toEqual([]);
  });

  it("documents no code the code does not use", () => {
    const used = codesInSource();
    const stale = [...codesInDocs()].filter((code) => !used.has(code)).sort();
    expect(stale).toEqual([]);
  });

  it("gives every code a paragraph saying when and the fix", () => {
    const text = readFileSync(path.join(root, "docs/errors.md"), "utf8");
    for (const section of text.split(/^### /m).slice(1)) {
      const [heading, ...body] = section.split("\n");
      expect(body.join(" ").trim().length, heading).toBeGreaterThan(30);
    }
  });
});
