import { describe, expect, it } from "vitest";
import { palette, renderTable, visibleLength } from "./output.js";

describe("palette", () => {
  it("colours only a terminal, and never with NO_COLOR", () => {
    expect(palette({ write: () => true, isTTY: true }, {}).red("x")).not.toBe("x");
    expect(palette({ write: () => true, isTTY: true }, { NO_COLOR: "1" }).red("x")).toBe("x");
    expect(palette({ write: () => true, isTTY: false }, {}).red("x")).toBe("x");
    expect(palette({ write: () => true }, {}).enabled).toBe(false);
  });
});

describe("renderTable", () => {
  it("pads columns by visible width, ignoring colour codes, and trims trailing space", () => {
    const colors = palette({ write: () => true, isTTY: true }, {});
    const table = renderTable(["a", "bb"], [[colors.green("long cell"), "x"], ["s", ""]]);
    const lines = table.split("\n");
    expect(lines[0]).toBe("a          bb");
    expect(visibleLength(lines[1]!)).toBe("long cell  x".length);
    expect(lines[2]).toBe("s");
  });
});
