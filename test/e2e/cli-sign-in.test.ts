import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, type Emulator } from "@switchyard/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, spawnCli, tempFolders, waitForOutput, type CliResult } from "./test-support/run-cli.js";
import { followToCallback } from "./test-support/sign-in.js";

const folders = tempFolders("switchyard-cli-sign-in-");
let emu: Emulator;
let cwd: string;
let env: Record<string, string>;
const outputs: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];

beforeEach(async () => {
  emu = await startEmulator({ oauth: { accountId: "acct-cli" } });
  const config = { providers: { "openai-codex": { ...emu.endpoints["openai-codex"], oauthIssuer: emu.endpoints.oauth.issuer } } };
  cwd = folders.make({ "switchyard.config.json": JSON.stringify(config) });
  env = { SWITCHYARD_HOME: join(cwd, "home") };
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  outputs.splice(0);
  folders.cleanup();
  await emu.close();
});

async function cli(args: string[], extra: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const result = await runCli(args, { cwd, env: { ...env, ...extra.env }, ...(extra.stdin !== undefined ? { stdin: extra.stdin } : {}) });
  outputs.push(result.stdout, result.stderr);
  return result;
}

/** Starts `switchyard login …` and returns it with its stdout so far once `pattern` shows. */
async function startLogin(args: string[], pattern: RegExp): Promise<{ child: ChildProcessWithoutNullStreams; first: string; done: Promise<CliResult> }> {
  const child = spawnCli(["login", "openai-codex", ...args], { cwd, env });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.on("close", (code, signal) => {
      outputs.push(stdout, stderr);
      resolve({ code, signal, stdout, stderr, durationMs: 0 });
    }),
  );
  const first = await waitForOutput(child, pattern);
  return { child, first, done };
}

const jsonLines = (text: string) => text.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
const credentials = () => JSON.parse(readFileSync(join(env["SWITCHYARD_HOME"]!, "credentials.json"), "utf8")) as { providers: Record<string, Record<string, string>> };

/** Every token the store holds, and the signature part of each JWT, must be absent from what the CLI printed. */
function expectNoTokenInOutput(): void {
  const tokens = Object.values(credentials().providers).flatMap((entry) => [entry["accessToken"], entry["refreshToken"], entry["idToken"]]).filter((token): token is string => typeof token === "string");
  expect(tokens.length).toBeGreaterThan(0);
  const printed = outputs.join("\n");
  for (const token of tokens) {
    expect(printed).not.toContain(token);
    for (const part of token.split(".")) if (part.length >= 16) expect(printed).not.toContain(part);
  }
}

describe("switchyard login", () => {
  it("signs in by the code flow when the browser (this test) reaches the loopback callback, and stores tokens at mode 0600", async () => {
    const login = await startLogin(["--no-browser", "--json", "--callback-port", "0"], /authorize-url/);
    const [prompt] = jsonLines(login.first);
    expect(prompt).toMatchObject({ event: "authorize-url", browserOpened: false });
    const url = new URL(String(prompt?.["url"]));
    expect(`${url.origin}${url.pathname}`).toBe(`${emu.url}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "app_EMoamEEZ73f0CkXaXp7hrann",
      scope: "openid profile email offline_access",
      code_challenge_method: "S256",
      id_token_add_organizations: "true",
      codex_cli_simplified_flow: "true",
      redirect_uri: expect.stringMatching(/^http:\/\/localhost:\d+\/auth\/callback$/),
      state: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
    });
    expect(await followToCallback(url.href)).toBe(200);
    const result = await login.done;
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({ event: "signed-in", provider: "openai-codex", signedIn: true, account: "acct-cli", issuer: emu.url, source: "login" });
    expect(statSync(join(env["SWITCHYARD_HOME"]!, "credentials.json")).mode & 0o777).toBe(0o600);
    expectNoTokenInOutput();
  });

  it("accepts the redirect URL pasted on stdin instead of the callback", async () => {
    const login = await startLogin(["--no-browser", "--callback-port", "0"], /Waiting for the sign-in/);
    expect(login.first).toContain("Open this URL in a browser to sign in:");
    const url = /^\s+(http\S+)$/m.exec(login.first)?.[1] ?? "";
    const redirect = (await fetch(url, { redirect: "manual" })).headers.get("location");
    login.child.stdin.write(`${redirect}\n`);
    const result = await login.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Signed in openai-codex as account acct-cli at http:\/\/127\.0\.0\.1:\d+; access token expires /);
    expectNoTokenInOutput();
  });

  it("refuses a pasted redirect that belongs to another sign-in (state mismatch)", async () => {
    const login = await startLogin(["--no-browser", "--callback-port", "0"], /Waiting for the sign-in/);
    login.child.stdin.write("http://localhost:1455/auth/callback?code=abc&state=not-ours\n");
    const result = await login.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^switchyard: SY_ERR_AUTH_SIGN_IN_FAILED: Signing in to "openai-codex" failed: the pasted text is not the redirect of this sign-in/m);
  });

  it("signs in by device code once the code is approved at the printed verification URL", async () => {
    const login = await startLogin(["--device", "--json"], /device-code/);
    const [prompt] = jsonLines(login.first);
    expect(prompt).toMatchObject({ event: "device-code", verificationUri: `${emu.url}/oauth/device`, userCode: expect.stringMatching(/^[0-9A-F]{4}-[0-9A-F]{4}$/) });
    expect(emu.oauth.stats().tokenRequests.device_code).toBe(0);
    expect((await fetch(String(prompt?.["verificationUriComplete"]))).status).toBe(200);
    const result = await login.done;
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({ event: "signed-in", signedIn: true, account: "acct-cli", source: "device" });
    expect(emu.oauth.stats().tokenRequests.device_code).toBeGreaterThanOrEqual(1);
    expectNoTokenInOutput();
  });

  it("adopts a Codex CLI auth.json with --import-codex, reporting the account and expiry", async () => {
    const accessToken = emu.issueAccessToken({ accountId: "acct-from-codex", expiresInMs: 600_000 });
    const sample = { OPENAI_API_KEY: null, tokens: { id_token: accessToken, access_token: accessToken, refresh_token: "rt_sample-refresh-SENTINEL-4242", account_id: "acct-from-codex" }, last_refresh: "2026-12-01T10:00:00Z" };
    writeFileSync(join(cwd, "auth.json"), JSON.stringify(sample));
    const result = await cli(["login", "openai-codex", "--import-codex", "auth.json", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ event: "signed-in", account: "acct-from-codex", source: "codex-import", refreshable: true, expired: false });
    expect(credentials().providers["openai-codex"]).toMatchObject({ accessToken, refreshToken: "rt_sample-refresh-SENTINEL-4242" });
    // The imported token is one the emulator's codex profile admits: a turn works with no token in env.
    const turn = await cli(["run", "openai-codex/gpt-5.4", "Hello", "--instructions", "Be brief.", "--transport", "http"]);
    expect(turn).toMatchObject({ code: 0, stdout: "You said: Hello\n" });
    expect(outputs.join("\n")).not.toContain("SENTINEL-4242");
    expectNoTokenInOutput();
  });

  it("explains an auth.json without ChatGPT tokens", async () => {
    writeFileSync(join(cwd, "auth.json"), JSON.stringify({ OPENAI_API_KEY: "sk-SENTINEL-api-key-4242" }));
    const result = await cli(["login", "openai-codex", "--import-codex", "auth.json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/SY_ERR_AUTH_IMPORT_FAILED: Cannot import the Codex CLI sign-in from .*auth\.json: it holds no ChatGPT sign-in/);
    expect(result.stderr).not.toContain("SENTINEL");
  });

  it("refuses a provider that declares no sign-in", async () => {
    const result = await cli(["login", "openai"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SY_ERR_AUTH_NOT_OAUTH: Provider "openai" declares no sign-in');
  });
});

describe("switchyard auth status and logout", () => {
  async function importSample(): Promise<void> {
    const accessToken = emu.issueAccessToken({ accountId: "acct-status", expiresInMs: 600_000 });
    writeFileSync(join(cwd, "auth.json"), JSON.stringify({ tokens: { access_token: accessToken, refresh_token: "rt_status-SENTINEL", account_id: "acct-status" } }));
    expect((await cli(["login", "openai-codex", "--import-codex", "auth.json"])).code).toBe(0);
  }

  it("shows signed in or not, the account and the expiry, never a token", async () => {
    const before = await cli(["auth", "status", "--json"]);
    expect(JSON.parse(before.stdout).providers).toEqual([expect.objectContaining({ provider: "openai-codex", signedIn: false, refreshable: false })]);
    await importSample();
    const after = await cli(["auth", "status", "--json"]);
    const status = JSON.parse(after.stdout) as { file: string; providers: Array<Record<string, unknown>> };
    expect(status.file).toBe(join(env["SWITCHYARD_HOME"]!, "credentials.json"));
    expect(status.providers).toEqual([expect.objectContaining({ provider: "openai-codex", signedIn: true, account: "acct-status", expired: false, refreshable: true, issuer: emu.url })]);
    const table = await cli(["auth", "status"]);
    expect(table.stdout).toMatch(/openai-codex\s+signed in\s+acct-status\s+\d{4}-\d\d-\d\dT/);
    expectNoTokenInOutput();
  });

  it("logout removes the entry, and a run then asks for the exact login command", async () => {
    await importSample();
    const result = await cli(["logout", "openai-codex"]);
    expect(result).toMatchObject({ code: 0, stdout: `Signed out of openai-codex (removed from ${join(env["SWITCHYARD_HOME"]!, "credentials.json")}).\n` });
    expect(credentials().providers).toEqual({});
    expect((await cli(["logout", "openai-codex"])).stdout).toBe("openai-codex was not signed in.\n");
    const run = await cli(["run", "openai-codex/gpt-5.4", "Hello", "--instructions", "Be brief."]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^switchyard: SY_ERR_AUTH_SIGN_IN_REQUIRED: Provider "openai-codex" needs a sign-in: it is not signed in\. Fix: Run `switchyard login openai-codex` \(or set OPENAI_CODEX_ACCESS_TOKEN\), then try again\.$/m);
  });
});
