import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BUILTIN_APIS } from "@switchyard/sdk";
import { describe, expect, it } from "vitest";
import { SHIPPED_EXTENSIONS } from "./test-support/paths.js";

const coreSource = fileURLToPath(new URL(".", import.meta.url));

function shippedManifests(): Array<{ providers: Array<{ id: string; api: string }>; apis?: Array<{ id: string }> }> {
  return readdirSync(SHIPPED_EXTENSIONS).map((folder) => JSON.parse(readFileSync(path.join(SHIPPED_EXTENSIONS, folder, "switchyard.extension.json"), "utf8")));
}

function providerIds(): string[] {
  return shippedManifests().flatMap((manifest) => manifest.providers.map((provider) => provider.id));
}

/** Every api id the host ships or a shipped extension speaks or declares. */
function apiIds(): string[] {
  const manifests = shippedManifests();
  const ids = [
    ...Object.keys(BUILTIN_APIS),
    ...manifests.flatMap((manifest) => manifest.providers.map((provider) => provider.api)),
    ...manifests.flatMap((manifest) => (manifest.apis ?? []).map((api) => api.id)),
  ];
  return [...new Set(ids)];
}

function offendingLiterals(ids: readonly string[]): string[] {
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
  return offenders;
}

describe("core has no provider-specific code", () => {
  it("contains no provider id declared by a shipped extension as a string literal (tests excepted)", () => {
    const ids = providerIds();
    expect(ids).toEqual(expect.arrayContaining(["openai", "openai-codex", "xai", "openai-compatible", "openai-compatible-chat", "anthropic"]));
    expect(offendingLiterals(ids)).toEqual([]);
  });

  it("contains no wire-api id as a string literal: codecs are injected, never chosen by name in core", () => {
    const ids = apiIds();
    expect(ids).toEqual(expect.arrayContaining(["openai-responses", "openai-codex-responses", "openai-chat-completions", "anthropic-messages"]));
    expect(offendingLiterals(ids)).toEqual([]);
  });

  it("imports transport and codec implementations in default-wiring.ts only: the rest of core sees interfaces", () => {
    const files = readdirSync(coreSource, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));
    const importers = files.filter((file) => /from "@switchyard\/transports"/.test(readFileSync(path.join(coreSource, file), "utf8")));
    expect(importers).toEqual(["default-wiring.ts"]);
  });
});
