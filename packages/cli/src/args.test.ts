import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseCommandLine, validateOptions } from "./args.js";
import { exitCodeFor, toCodedError } from "./errors.js";

function failure(run: () => unknown): { code: string; message: string; exit: number } {
  try {
    run();
  } catch (error) {
    const coded = toCodedError(error);
    return { code: coded.code, message: coded.message, exit: exitCodeFor(coded) };
  }
  throw new Error("expected a failure");
}

describe("parseCommandLine", () => {
  it("turns an unknown flag into SY_ERR_CLI_UNKNOWN_OPTION (exit 2)", () => {
    expect(failure(() => parseCommandLine("explain", ["--nope"], {}, { max: 1 }))).toMatchObject({ code: "SY_ERR_CLI_UNKNOWN_OPTION", exit: 2 });
  });

  it("turns a flag without its value and extra arguments into SY_ERR_CLI_BAD_ARGUMENT (exit 2)", () => {
    expect(failure(() => parseCommandLine("run", ["--config"], { config: { type: "string" } }, { max: 2 }))).toMatchObject({ code: "SY_ERR_CLI_BAD_ARGUMENT", exit: 2 });
    expect(failure(() => parseCommandLine("probe", ["a", "b"], {}, { max: 1 })).message).toContain('unexpected argument "b"');
  });

  it("accepts --help anywhere, whatever else is on the line", () => {
    expect(parseCommandLine("probe", ["a", "b", "--help"], {}, { max: 1 }).help).toBe(true);
  });
});

describe("validateOptions", () => {
  it("names the flag whose value zod rejects", () => {
    const schema = z.object({ port: z.coerce.number().int().min(0) });
    expect(failure(() => validateOptions("emulator", schema, { port: "-1" })).message).toMatch(/^switchyard emulator: --port: /);
  });
});

describe("exit codes", () => {
  it("uses 1 for failures that are not usage errors, including uncoded ones", () => {
    expect(exitCodeFor(toCodedError(new Error("boom")))).toBe(1);
    expect(toCodedError(new Error("boom")).code).toBe("SY_ERR_CLI_INTERNAL");
  });
});
