import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LintErrorCode } from "./errors.js";

const errorsDoc = readFileSync(join(import.meta.dirname, "../../../docs/errors.md"), "utf8");
const lintSection = errorsDoc.slice(errorsDoc.indexOf("\n## lint\n"), errorsDoc.indexOf("\n## ", errorsDoc.indexOf("\n## lint\n") + 1));

describe("lint error codes", () => {
  it("are exactly the codes documented under ## lint in docs/errors.md", () => {
    const documented = [...lintSection.matchAll(/^### (SY_ERR_LINT_[A-Z_]+)$/gm)].map((match) => match[1]).sort();
    expect(documented).toEqual(Object.values(LintErrorCode).sort());
  });
});
