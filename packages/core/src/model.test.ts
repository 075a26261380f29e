import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ProviderManifest } from "@switchyard/sdk";
import { compileModelTable, normalizeWithManifest, parseRef } from "./model.js";

const name = fc.constantFrom("a", "b", "c", "gpt-1", "gpt-2", "grok-x", "z");
const providerWith = (models: ProviderManifest["models"]): ProviderManifest => ({
  id: "p",
  api: "openai-responses",
  baseUrl: "https://p.example.com",
  origins: ["https://p.example.com"],
  models,
  transports: { http: {} },
});

describe("model normalization", () => {
  it("is idempotent: a normalized id normalizes to itself (random alias tables, chains and cycles included)", () => {
    fc.assert(
      fc.property(
        fc.dictionary(name, name, { maxKeys: 6 }),
        fc.array(name, { maxLength: 4 }),
        fc.option(fc.constantFrom("^gpt-", "^grok-", "^[a-c]$"), { nil: undefined }),
        name,
        (aliases, known, accept, model) => {
          const table = compileModelTable(providerWith({ aliases, known, ...(accept ? { accept } : {}) }));
          const once = normalizeWithManifest(table, model);
          if (once !== undefined) expect(normalizeWithManifest(table, once)).toBe(once);
        },
      ),
    );
  });

  it("maps aliases to their target and accepts ids matching the pattern as written", () => {
    const table = compileModelTable(providerWith({ default: "gpt-5.4", aliases: { "gpt-5.4-codex": "gpt-5.4" }, accept: "^gpt-" }));
    expect(normalizeWithManifest(table, "gpt-5.4-codex")).toBe("gpt-5.4");
    expect(normalizeWithManifest(table, "gpt-6")).toBe("gpt-6");
    expect(normalizeWithManifest(table, "claude")).toBeUndefined();
  });

  it("splits a ref at the first slash so model ids may contain slashes", () => {
    expect(parseRef("openai-compatible/library/llama3:8b")).toEqual({ provider: "openai-compatible", model: "library/llama3:8b" });
    expect(parseRef("xai")).toEqual({ provider: "xai", model: undefined });
    expect(() => parseRef("/x")).toThrow(expect.objectContaining({ code: "SY_ERR_REF_INVALID" }));
  });
});
