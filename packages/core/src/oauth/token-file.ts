import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import lockfile from "proper-lockfile";
import { storeUnreadable } from "../errors.js";
import type { TokenEntry } from "./token-entry.js";

/** The credentials file: `{ version: 1, providers: { "<provider id>": TokenEntry } }`. */
export interface TokenFileData {
  version: 1;
  providers: Record<string, TokenEntry>;
}

const empty = (): TokenFileData => ({ version: 1, providers: {} });

/** Reads the file; a missing file is an empty store. @throws SY_ERR_AUTH_STORE_UNREADABLE */
export async function readTokenFile(file: string): Promise<TokenFileData> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return empty();
    throw storeUnreadable(file, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`, error);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // The parser's message would quote the file's text, which holds tokens: say only where.
    throw storeUnreadable(file, "it is not valid JSON");
  }
  const providers = (data as { providers?: unknown } | null)?.providers;
  if ((data as { version?: unknown } | null)?.version !== 1 || typeof providers !== "object" || providers === null || Array.isArray(providers)) {
    throw storeUnreadable(file, 'it is not a Switchyard credentials file (expected {"version":1,"providers":{…}})');
  }
  return data as TokenFileData;
}

/**
 * Writes the file atomically: a private temp file (mode 0600) in the same folder, flushed, then
 * renamed over the old one, so a reader never sees half a file and a crash leaves the old one.
 */
export async function writeTokenFile(file: string, data: TokenFileData): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const handle = await open(temp, "wx", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(temp, 0o600); // the umask may have narrowed it further, never widened; make it exact
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Runs `fn` holding the cross-process lock of the credentials file (a `credentials.json.lock`
 * folder, made atomically by proper-lockfile; a holder that died is taken over after 10 s).
 * @throws SY_ERR_AUTH_STORE_UNREADABLE when the lock cannot be had within about 15 s
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, { realpath: false, stale: 10_000, update: 2_000, retries: { retries: 100, minTimeout: 25, maxTimeout: 250, factor: 1.3 } });
  } catch (error) {
    throw storeUnreadable(file, "another process holds its lock and did not release it", error);
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}
