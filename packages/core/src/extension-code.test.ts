import { describe, expect, it } from "vitest";
import { ExtensionCode } from "./extension-code.js";
import { createHostHooks } from "./hooks.js";

const code = (hookTimeoutMs = 50) => new ExtensionCode(createHostHooks(), ["s3cr3t-value"], { hookTimeoutMs });

describe("ExtensionCode.call", () => {
  it("aborts the signal it hands the hook when the deadline passes, so the hook can stop its own work", async () => {
    let seen: AbortSignal | undefined;
    const call = code().call("ext", "prov", "resolveAuth", (signal) => {
      seen = signal;
      return new Promise<Record<string, string>>(() => {});
    });
    await expect(call).rejects.toMatchObject({ code: "SY_ERR_EXTENSION_HOOK_TIMEOUT", details: { extension: "ext", provider: "prov", hook: "resolveAuth", timeoutMs: 50 } });
    expect(seen?.aborted).toBe(true);
  });

  it("refuses a classifyError verdict of the wrong shape and a normalizeModelId that returns an object", async () => {
    await expect(code().call("ext", "prov", "classifyError", () => ({ fallback: "yes" }) as never)).rejects.toMatchObject({
      code: "SY_ERR_EXTENSION_HOOK_INVALID_RESULT",
      message: expect.stringContaining("returned fallback as a string"),
    });
    await expect(code().call("ext", "prov", "normalizeModelId", () => ({ id: "m" }) as never)).rejects.toMatchObject({ code: "SY_ERR_EXTENSION_HOOK_INVALID_RESULT" });
    await expect(code().call("ext", "prov", "normalizeModelId", () => undefined)).resolves.toBeUndefined();
  });

  it("still wraps a hook that throws synchronously, scrubbing known secrets from its message", async () => {
    const call = code().call("ext", "prov", "shapeRequest", () => {
      throw new Error("upstream said s3cr3t-value is wrong");
    });
    await expect(call).rejects.toMatchObject({ code: "SY_ERR_EXTENSION_HOOK_FAILED", message: expect.stringContaining("‹redacted› is wrong") });
  });

  it("fails calls that are running, and later ones, with SY_ERR_HOST_CLOSED once closed", async () => {
    const extensionCode = code(60_000);
    const running = extensionCode.call("ext", "prov", "resolveAuth", () => new Promise<Record<string, string>>(() => {}));
    extensionCode.close();
    await expect(running).rejects.toMatchObject({ code: "SY_ERR_HOST_CLOSED" });
    await expect(extensionCode.call("ext", "prov", "resolveAuth", () => ({}))).rejects.toMatchObject({ code: "SY_ERR_HOST_CLOSED" });
  });

  it("fails each of many hooks in flight at once on close, and leaves the ones that already answered answered", async () => {
    const extensionCode = code(60_000);
    const answered = await Promise.all(Array.from({ length: 50 }, (_, index) => extensionCode.call("ext", `p${index}`, "normalizeModelId", async () => `m${index}`)));
    const running = Array.from({ length: 500 }, (_, index) =>
      extensionCode.call("ext", `p${index}`, "resolveAuth", () => new Promise<Record<string, string>>(() => {})).catch((error: unknown) => error),
    );
    extensionCode.close();
    const errors = await Promise.all(running);
    expect(new Set(errors.map((error) => (error as { code?: string }).code))).toEqual(new Set(["SY_ERR_HOST_CLOSED"]));
    expect(answered[49]).toBe("m49");
  });
});
