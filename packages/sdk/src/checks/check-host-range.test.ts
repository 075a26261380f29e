import fc from "fast-check";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { caretVerdict } from "./check-host-range.js";

// Small parts mostly (0 matters most to a caret), and versions at, just inside and just outside each range's bounds.
const part = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 999_999_999_999_999 }));
const parts = fc.tuple(part, part, part);
const near = (value: number) => fc.oneof(fc.constant(value), fc.constant(Math.min(value + 1, 999_999_999_999_999)), fc.constant(Math.max(0, value - 1)), part);
const rangeAndVersion = parts.chain((range) =>
  fc.tuple(near(range[0]), near(range[1]), near(range[2])).map((version) => [range.join("."), version.join(".")] as const),
);

describe("caretVerdict", () => {
  it("agrees with semver on every ^x.y.z range against every release version", () => {
    fc.assert(
      fc.property(rangeAndVersion, ([range, version]) => {
        expect(caretVerdict(`^${range}`, version)).toEqual({ valid: true, satisfied: semver.satisfies(version, `^${range}`) });
      }),
      { numRuns: 5_000 },
    );
  });

  it("leaves every other range and prerelease host versions to semver", () => {
    for (const [range, version] of [
      ["~0.1.0", "0.1.0"],
      [">=0.1.0", "0.1.0"],
      ["^0.1", "0.1.0"],
      [" ^0.1.0", "0.1.0"],
      ["^01.0.0", "1.0.0"],
      ["^0.1.0-beta.1", "0.1.0"],
      ["^0.1.0 || ^0.2.0", "0.2.0"],
      ["^0.1.0", "0.1.1-rc.1"],
      ["^1234567890123456.0.0", "1234567890123456.0.0"],
    ] as const) {
      expect(caretVerdict(range, version), `${range} against ${version}`).toBeUndefined();
    }
  });

  it("reads the three caret lines as semver does", () => {
    expect(caretVerdict("^1.2.3", "1.9.0")?.satisfied).toBe(true);
    expect(caretVerdict("^1.2.3", "2.0.0")?.satisfied).toBe(false);
    expect(caretVerdict("^0.2.3", "0.2.9")?.satisfied).toBe(true);
    expect(caretVerdict("^0.2.3", "0.3.0")?.satisfied).toBe(false);
    expect(caretVerdict("^0.0.3", "0.0.3")?.satisfied).toBe(true);
    expect(caretVerdict("^0.0.3", "0.0.4")?.satisfied).toBe(false);
    expect(caretVerdict("^0.1.0", "0.0.9")?.satisfied).toBe(false);
  });
});
