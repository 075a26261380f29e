import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readTokenFile, withFileLock, writeTokenFile } from "./token-file.js";
import { credentialsFilePath } from "./credentials-path.js";

const made: string[] = [];
const folder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "switchyard-token-file-"));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const entry = { issuer: "https://auth.example.test", clientId: "c", accessToken: "at-SENTINEL-4242", updatedAt: 1, source: "login" as const };

describe("the credentials file", () => {
  it("reads a missing file as an empty store", async () => {
    expect(await readTokenFile(join(folder(), "credentials.json"))).toEqual({ version: 1, providers: {} });
  });

  it("writes atomically at mode 0600 into a private folder it creates, leaving no temp file", async () => {
    const dir = join(folder(), "nested", "home");
    const file = join(dir, "credentials.json");
    await writeTokenFile(file, { version: 1, providers: { p: entry } });
    await writeTokenFile(file, { version: 1, providers: { p: { ...entry, accessToken: "at-2" } } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir)).toEqual(["credentials.json"]);
    expect((await readTokenFile(file)).providers["p"]?.accessToken).toBe("at-2");
  });

  it("refuses a corrupt file with SY_ERR_AUTH_STORE_UNREADABLE that names the file but quotes none of it", async () => {
    const file = join(folder(), "credentials.json");
    writeFileSync(file, '{"version":1,"providers":{"p":{"accessToken":"at-SENTINEL-4242"');
    const error = await readTokenFile(file).then(
      () => new Error("read a corrupt file"),
      (caught: unknown) => caught as Error,
    );
    expect(error).toMatchObject({ code: "SY_ERR_AUTH_STORE_UNREADABLE", message: expect.stringContaining(file) });
    expect(JSON.stringify({ message: error.message, cause: String((error as { cause?: unknown }).cause) })).not.toContain("SENTINEL");
    writeFileSync(file, JSON.stringify({ tokens: {} }));
    await expect(readTokenFile(file)).rejects.toMatchObject({ code: "SY_ERR_AUTH_STORE_UNREADABLE", message: expect.stringContaining("not a Switchyard credentials file") });
  });

  it("runs holders of the file lock one after another", async () => {
    const file = join(folder(), "credentials.json");
    const order: string[] = [];
    const hold = (name: string) =>
      withFileLock(file, async () => {
        order.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        order.push(`${name} out`);
      });
    await Promise.all([hold("a"), hold("b")]);
    // Either may win the lock first; what matters is that the two never overlap.
    const first = order[0]?.split(" ")[0];
    const second = first === "a" ? "b" : "a";
    expect(order).toEqual([`${first} in`, `${first} out`, `${second} in`, `${second} out`]);
  });
});

describe("where the credentials file lives", () => {
  it("is $SWITCHYARD_HOME/credentials.json when set, else the platform's config folder", () => {
    expect(credentialsFilePath({ SWITCHYARD_HOME: "/srv/sy" }, "linux")).toBe("/srv/sy/credentials.json");
    expect(credentialsFilePath({ HOME: "/home/u" }, "linux")).toBe("/home/u/.config/switchyard/credentials.json");
    expect(credentialsFilePath({ HOME: "/home/u", XDG_CONFIG_HOME: "/cfg" }, "linux")).toBe("/cfg/switchyard/credentials.json");
    expect(credentialsFilePath({ HOME: "/Users/u" }, "darwin")).toBe("/Users/u/Library/Application Support/switchyard/credentials.json");
  });
});
