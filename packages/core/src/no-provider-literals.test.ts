import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SHIPPED_EXTENSIONS } from "./test-support/paths.js";

const coreSource = fileURLToPath(new URL(".", import.meta.url));

function providerIds(): string[] {
  return readdirSync(SHIPPED_EXTENSIONS).flatMap((folder) => {
    const manifest = JSON.parse(readFileSync(path.join(SHIPPED_EXTENSIONS, folder, "switchyard.extension.json"), "utf8"));
    return manifest.providers.map((provider: { id: string }) => provider.id);
  });
}

describe("core has no provider-specific code", () => {
  it("contains no provider id declared by a shipped extension as a string literal (tests excepted)", () => {
    const ids = providerIds();
    expect(ids).toEqual(expect.arrayContaining(["openai", "openai-codex", "xai", "openai-compatible"]));
    const files = readdirSync(coreSource, { recursive: true, encoding: "utf8" }).filter(
      (file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.includes("__fixtures__") && file !== "test-paths.ts",
    );
    expect(files.length).toBeGreaterThan(5);
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(coreSource, file), "utf8");
      for (const id of ids) {
        const literal = new RegExp(`(["'\`])${id.replace(/[-]/g, "\\-")}\\1`);
        if (literal.test(text)) offenders.push(`${file}: "${id}"`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
