import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { manifestJsonSchemaText } from "./json-schema.js";

describe("schema/extension.schema.json", () => {
  it("is the serialization of the TypeBox schema (run `pnpm --filter @switchyard/sdk generate` when this fails)", () => {
    const committed = readFileSync(new URL("../schema/extension.schema.json", import.meta.url), "utf8");
    expect(committed).toBe(manifestJsonSchemaText());
  });
});
