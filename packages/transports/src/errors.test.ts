import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TransportErrorCode } from "./errors.js";

const docs = readFileSync(new URL("../../../docs/errors.md", import.meta.url), "utf8");
const section = docs.slice(docs.indexOf("## transports"), docs.indexOf("\n## ", docs.indexOf("## transports") + 1));

describe("error codes", () => {
  it("lists every transport code in docs/errors.md and documents no code that is not used", () => {
    const documented = [...section.matchAll(/^### (SY_ERR_\w+)$/gm)].map((match) => match[1]).sort();
    expect(documented).toEqual(Object.values(TransportErrorCode).sort());
  });

  it("uses only SY_ERR_TRANSPORT_ codes", () => {
    for (const code of Object.values(TransportErrorCode)) expect(code).toMatch(/^SY_ERR_TRANSPORT_[A-Z_]+$/);
  });
});
