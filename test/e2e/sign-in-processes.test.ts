import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { EXTENSIONS } from "./test-support/rig.js";
import { signInAsBrowser, startSignInRig, type SignInRig } from "./test-support/sign-in.js";

const run = promisify(execFile);
const child = fileURLToPath(new URL("./__fixtures__/sign-in-turn.mjs", import.meta.url));
let rig: SignInRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe("two processes on one credentials file", () => {
  it("refresh an expired token exactly once between them (the file lock), and both turns succeed", async () => {
    rig = await startSignInRig();
    await signInAsBrowser(rig.host);
    const entry = rig.stored()["openai-codex"]!;
    // Expired for both sides: the store's clock and the issuer's.
    writeFileSync(rig.credentialsFile, JSON.stringify({ version: 1, providers: { "openai-codex": { ...entry, expiresAt: Date.now() - 1000 } } }), { mode: 0o600 });
    rig.emu.oauth.advanceClock(2 * 3_600_000);
    const args = [child, EXTENSIONS, rig.home, JSON.stringify(rig.config)];
    const cwd = fileURLToPath(new URL(".", import.meta.url));
    const results = await Promise.all([run(process.execPath, args, { cwd, timeout: 20_000 }), run(process.execPath, args, { cwd, timeout: 20_000 })]);
    const outputs = results.map((result) => JSON.parse(result.stdout.trim()) as { text?: string; error?: string });
    expect(outputs.map((output) => output.error)).toEqual([undefined, undefined]);
    expect(outputs.every((output) => output.text?.startsWith("You said: from "))).toBe(true);
    // A second refresh would have reused the rotated token and been refused: exactly one, no refusal.
    expect(rig.emu.oauth.stats().tokenRequests.refresh_token).toBe(1);
    expect(rig.emu.oauth.stats().refusals).toEqual({});
    const turns = rig.recorder.seen.filter((seen) => seen.url.endsWith("/responses"));
    expect(turns.map((seen) => seen.status)).toEqual([200, 200]);
    expect(new Set(turns.map((seen) => seen.headers["authorization"])).size).toBe(1);
  });
});
