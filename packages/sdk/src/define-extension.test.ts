import { describe, expect, it } from "vitest";
import { defineExtension, isExtensionDefinition } from "./index.js";

describe("defineExtension", () => {
  it("returns a frozen, recognisable definition", () => {
    const definition = defineExtension({ id: "demo", providers: { demo: { normalizeModelId: (m: string) => m } } });
    expect(isExtensionDefinition(definition)).toBe(true);
    expect(Object.isFrozen(definition)).toBe(true);
    expect(isExtensionDefinition({ id: "demo", providers: {} })).toBe(false);
  });

  it("rejects unknown hooks and bad ids with a coded error", () => {
    expect(() => defineExtension({ id: "demo", providers: { demo: { normalise: () => "" } as never } })).toThrow(
      expect.objectContaining({ code: "SY_ERR_EXTENSION_DEFINITION_INVALID", message: expect.stringContaining('unknown hook "normalise"') }),
    );
    expect(() => defineExtension({ id: "Demo!", providers: {} })).toThrow(expect.objectContaining({ code: "SY_ERR_EXTENSION_DEFINITION_INVALID" }));
  });
});
