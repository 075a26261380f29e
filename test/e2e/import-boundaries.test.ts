import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

function typescriptFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.includes("node_modules") && !file.includes(`dist${path.sep}`))
    .map((file) => path.join(root, folder, file));
}

// Relative specifiers only; a package is reached by its name, so the build sees every edge.
const IMPORT = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

describe("imports between packages", () => {
  it("never reach another package's folder by a relative path (use the package name)", () => {
    const crossings: string[] = [];
    for (const file of [...typescriptFiles("packages"), ...typescriptFiles("extensions")]) {
      const own = path.relative(root, file).split(path.sep).slice(0, 2).join(path.sep);
      for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
        const target = path.relative(root, path.resolve(path.dirname(file), match[1] as string));
        if (!target.startsWith(own + path.sep)) crossings.push(`${path.relative(root, file)} → ${match[1]}`);
      }
    }
    expect(crossings).toEqual([]);
  });
});

describe("test helpers", () => {
  it("live in test-support/ folders, so __fixtures__ holds only data", () => {
    const helpers = [...typescriptFiles("packages"), ...typescriptFiles("extensions"), ...typescriptFiles("test")]
      .map((file) => path.relative(root, file))
      .filter((file) => file.split(path.sep).includes("__fixtures__"));
    expect(helpers).toEqual([]);
  });

  it("live in test-support/ folders in the cross-package suites, beside the tests that use them", () => {
    const loose = ["test/e2e", "test/install", "test/docs"]
      .flatMap((folder) => typescriptFiles(folder))
      .map((file) => path.relative(root, file))
      .filter((file) => !file.endsWith(".test.ts") && !file.split(path.sep).includes("test-support") && !file.includes(".sandbox-"));
    expect(loose).toEqual([]);
  });
});
