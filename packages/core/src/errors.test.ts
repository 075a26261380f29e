import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CoreErrorCode } from "./errors.js";

const source = readFileSync(new URL("./errors.ts", import.meta.url), "utf8");

// Codes core reports as load problems (host.providers().problems), never throws: they have no factory.
const PROBLEM_CODES = new Set(["discoveryPathNotFound", "discoveryUnreadable", "discoveryPackageNotFound", "discoveryPackageNoManifest", "extensionEntryMissing", "extensionDuplicateProvider", "configUnknownProvider"]);

describe("core error factories", () => {
  it("has exactly one exported factory per thrown code, and none for load-problem codes", () => {
    const factories = source.split(/\n(?=\/\*\*[\s\S]*?\*\/\nexport function )/).filter((chunk) => /\nexport function /.test(chunk));
    for (const key of Object.keys(CoreErrorCode)) {
      const users = factories.filter((factory) => factory.includes(`CoreErrorCode.${key},`)).length;
      expect(users, `CoreErrorCode.${key}`).toBe(PROBLEM_CODES.has(key) ? 0 : 1);
    }
  });

  it("gives every factory a one-line doc comment", () => {
    const undocumented = [...source.matchAll(/(.*)\nexport function (\w+)/g)].filter((match) => !match[1]?.trim().endsWith("*/")).map((match) => match[2]);
    expect(undocumented).toEqual([]);
  });
});
