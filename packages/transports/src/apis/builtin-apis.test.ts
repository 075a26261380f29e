import { BUILTIN_APIS } from "@switchyard/sdk";
import { describe, expect, it } from "vitest";
import { BUILTIN_WIRE_APIS } from "./index.js";

describe("the shipped wire APIs", () => {
  it("have a codec for every api the sdk declares, under the same id, framing exactly the declared transports", () => {
    expect(Object.keys(BUILTIN_WIRE_APIS).sort()).toEqual(Object.keys(BUILTIN_APIS).sort());
    for (const [id, declaration] of Object.entries(BUILTIN_APIS)) {
      const codec = BUILTIN_WIRE_APIS[id];
      expect(codec?.id).toBe(id);
      expect(Object.keys(codec?.framing ?? {}).sort(), id).toEqual([...declaration.transports].sort());
    }
  });
});
