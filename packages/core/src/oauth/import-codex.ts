import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { importFailed } from "../errors.js";
import { makeEntry, type OAuthClient } from "./oauth-client.js";
import type { TokenEntry } from "./token-entry.js";

/** The Codex CLI's sign-in file: `$CODEX_HOME/auth.json`, default `~/.codex/auth.json`. */
export function defaultCodexAuthPath(env: Readonly<Record<string, string | undefined>>): string {
  return join(env["CODEX_HOME"] || join(env["HOME"] || homedir(), ".codex"), "auth.json");
}

/**
 * Adopts a Codex CLI `auth.json` (`{ tokens: { id_token, access_token, refresh_token, account_id } }`)
 * as this provider's sign-in, for its current issuer. The file is read, never changed.
 * @throws SY_ERR_AUTH_IMPORT_FAILED (missing, not JSON, no ChatGPT tokens)
 */
export async function importCodexAuth(client: OAuthClient, file: string): Promise<TokenEntry> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw importFailed(file, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`, error);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw importFailed(file, "it is not valid JSON");
  }
  const tokens = (data as { tokens?: Record<string, unknown> } | null)?.tokens;
  const accessToken = tokens?.["access_token"];
  if (typeof accessToken !== "string" || accessToken === "") {
    throw importFailed(file, "it holds no ChatGPT sign-in (no tokens.access_token; an API-key-only file cannot be imported)");
  }
  const field = (key: string): string | undefined => (typeof tokens?.[key] === "string" && tokens[key] !== "" ? (tokens[key] as string) : undefined);
  return makeEntry(
    client,
    { accessToken, refreshToken: field("refresh_token"), idToken: field("id_token"), accountId: field("account_id") },
    "codex-import",
  );
}
