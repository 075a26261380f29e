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

  it("accepts wire-api codecs under their own id and rejects anything that cannot encode or decode", () => {
    const codec = { id: "line-chat", framing: { http: "json-lines" as const }, encode: () => ({}), createDecoder: () => ({ decode: () => undefined, terminal: undefined, responseId: undefined }) };
    expect(defineExtension({ id: "demo", providers: {}, apis: { "line-chat": codec } }).apis?.["line-chat"]).toBe(codec);
    expect(() => defineExtension({ id: "demo", providers: {}, apis: { "line-chat": { id: "line-chat" } as never } })).toThrow(
      expect.objectContaining({ code: "SY_ERR_EXTENSION_DEFINITION_INVALID", message: expect.stringContaining('api "line-chat" is not a wire API') }),
    );
    expect(() => defineExtension({ id: "demo", providers: {}, apis: { other: codec } })).toThrow(
      expect.objectContaining({ code: "SY_ERR_EXTENSION_DEFINITION_INVALID", message: expect.stringContaining('api key "other" holds api id "line-chat"') }),
    );
  });
});
