import { createHash, randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "./index.js";
import { httpRequest, WireSocket } from "./test-support/wire.js";

let emu: Emulator;
let other: Emulator | undefined;
beforeEach(async () => {
  emu = await startEmulator({ oauth: { accountId: "acct-42" } });
});
afterEach(async () => {
  await emu.close();
  await other?.close();
  other = undefined;
});

const clientId = "app_test";
const redirectUri = "http://localhost:1455/auth/callback";

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] as string, "base64url").toString("utf8")) as Record<string, unknown>;
}

async function form(path: string, params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emu.endpoints.oauth.issuer}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function authorize(challenge: string, extra: Record<string, string> = {}): Promise<URL> {
  const url = new URL("/oauth/authorize", emu.endpoints.oauth.issuer);
  const params = { response_type: "code", client_id: clientId, redirect_uri: redirectUri, scope: "openid profile email offline_access", state: "st-1", code_challenge: challenge, code_challenge_method: "S256", ...extra };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "");
}

async function signIn(): Promise<Record<string, unknown>> {
  const { verifier, challenge } = pkce();
  const code = (await authorize(challenge)).searchParams.get("code") ?? "";
  const result = await form("/oauth/token", { grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier });
  expect(result.status).toBe(200);
  return result.body;
}

const codexBody = { model: "gpt-5.4", instructions: "be brief", input: "hi", store: false, stream: true };
const codexRequest = (token: string) =>
  httpRequest(`${emu.endpoints["openai-codex"].baseUrl}/responses`, { body: codexBody, auth: false, headers: { authorization: `Bearer ${token}` } });

describe("emulator OAuth issuer", () => {
  it("auto-approves an authorization request and redirects to the loopback callback with a code and the state", async () => {
    const location = await authorize(pkce().challenge);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get("state")).toBe("st-1");
    expect(location.searchParams.get("code")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(emu.oauth.stats().authorizations).toBe(1);
  });

  it("answers a redirect URI off loopback with 400 and never redirects there", async () => {
    const url = new URL("/oauth/authorize", emu.url);
    url.search = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: "https://evil.example/cb", code_challenge: "x", code_challenge_method: "S256" }).toString();
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("redirects with invalid_request when PKCE is missing", async () => {
    const location = await authorize("", { code_challenge_method: "plain" });
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("code")).toBeNull();
  });

  it("exchanges a code only with the matching code_verifier, and only once", async () => {
    const { verifier, challenge } = pkce();
    const code = (await authorize(challenge)).searchParams.get("code") ?? "";
    const wrong = await form("/oauth/token", { grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: clientId, code_verifier: pkce().verifier });
    expect(wrong).toMatchObject({ status: 400, body: { error: "invalid_grant", error_description: expect.stringContaining("PKCE") } });
    // The failed attempt spent the code: a right verifier now is too late (codes are single-use).
    const late = await form("/oauth/token", { grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier });
    expect(late.body["error"]).toBe("invalid_grant");
  });

  it("issues JWTs carrying ChatGPT's account claim, and a refresh token", async () => {
    const tokens = await signIn();
    expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 3600, refresh_token: expect.stringMatching(/^rt_/) });
    for (const jwt of [tokens["access_token"], tokens["id_token"]] as string[]) {
      expect(claims(jwt)).toMatchObject({ iss: emu.url, "https://api.openai.com/auth": { chatgpt_account_id: "acct-42" } });
    }
    expect(claims(tokens["id_token"] as string)["aud"]).toBe(clientId);
  });

  it("rotates refresh tokens: the new one works, the used one is refused as reused", async () => {
    const first = (await signIn())["refresh_token"] as string;
    const rotated = await form("/oauth/token", { grant_type: "refresh_token", refresh_token: first, client_id: clientId });
    expect(rotated.status).toBe(200);
    expect(rotated.body["refresh_token"]).not.toBe(first);
    const reused = await form("/oauth/token", { grant_type: "refresh_token", refresh_token: first, client_id: clientId });
    expect(reused).toMatchObject({ status: 400, body: { error: "refresh_token_reused" } });
    const again = await form("/oauth/token", { grant_type: "refresh_token", refresh_token: rotated.body["refresh_token"] as string, client_id: clientId });
    expect(again.status).toBe(200);
    expect(emu.oauth.stats().tokenRequests.refresh_token).toBe(3);
  });

  it("accepts a JSON refresh request, as the Codex CLI sends it", async () => {
    const refreshToken = (await signIn())["refresh_token"] as string;
    const response = await fetch(`${emu.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: clientId, grant_type: "refresh_token", refresh_token: refreshToken, scope: "openid profile email" }),
    });
    expect(response.status).toBe(200);
  });

  it("refuses every refresh token after revokeRefreshTokens()", async () => {
    const refreshToken = (await signIn())["refresh_token"] as string;
    expect(emu.oauth.revokeRefreshTokens()).toBe(1);
    const refused = await form("/oauth/token", { grant_type: "refresh_token", refresh_token: refreshToken, client_id: clientId });
    expect(refused).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("keeps a device code pending until its user code is approved at the verification URL", async () => {
    const started = await form("/oauth/device/code", { client_id: clientId, scope: "openid offline_access" });
    expect(started.body).toMatchObject({ verification_uri: `${emu.url}/oauth/device`, interval: 1, expires_in: 600 });
    const poll = () => form("/oauth/token", { grant_type: "urn:ietf:params:oauth:grant-type:device_code", device_code: started.body["device_code"] as string, client_id: clientId });
    expect((await poll()).body["error"]).toBe("authorization_pending");
    const approval = await fetch(started.body["verification_uri_complete"] as string);
    expect(approval.status).toBe(200);
    const granted = await poll();
    expect(granted.status).toBe(200);
    expect(claims(granted.body["access_token"] as string)["https://api.openai.com/auth"]).toMatchObject({ chatgpt_account_id: "acct-42" });
    expect((await poll()).body["error"]).toBe("invalid_grant");
  });

  it("publishes its endpoints as OpenID metadata", async () => {
    const metadata = (await (await fetch(`${emu.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({ issuer: emu.url, token_endpoint: `${emu.url}/oauth/token`, code_challenge_methods_supported: ["S256"] });
  });
});

describe("codex profile bearer check", () => {
  it("admits an access token its issuer signed, over HTTP and websocket", async () => {
    const token = emu.issueAccessToken({ accountId: "acct-7", expiresInMs: 60_000 });
    expect((await codexRequest(token)).status).toBe(200);
    const socket = new WireSocket(emu.endpoints["openai-codex"].websocketUrl, { authorization: `Bearer ${token}` });
    await socket.opened;
    await socket.close();
  });

  it("refuses an expired token with 401 token_expired, as the ChatGPT backend does", async () => {
    const result = await codexRequest(emu.issueAccessToken({ expiresInMs: -1000 }));
    expect(result.status).toBe(401);
    expect(JSON.parse(result.text).error).toMatchObject({ code: "token_expired", message: "Provided authentication token is expired. Please try signing in again." });
  });

  it("expires a live token once the issuer's clock passes its exp", async () => {
    const token = emu.issueAccessToken({ expiresInMs: 60_000 });
    emu.oauth.advanceClock(61_000);
    expect(JSON.parse((await codexRequest(token)).text).error.code).toBe("token_expired");
  });

  it("refuses a JWT another issuer signed with 401 token_invalidated, on HTTP and on the upgrade", async () => {
    other = await startEmulator();
    const foreign = other.issueAccessToken();
    const result = await codexRequest(foreign);
    expect(result.status).toBe(401);
    expect(JSON.parse(result.text).error.code).toBe("token_invalidated");
    const socket = new WireSocket(emu.endpoints["openai-codex"].websocketUrl, { authorization: `Bearer ${foreign}` });
    await expect(socket.opened).rejects.toMatchObject({ status: 401 });
  });

  it("still admits an opaque placeholder bearer, and other profiles do not check tokens", async () => {
    expect((await codexRequest("codex-placeholder")).status).toBe(200);
    const expired = emu.issueAccessToken({ expiresInMs: -1000 });
    const openai = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { model: "gpt-5.4", input: "x" }, auth: false, headers: { authorization: `Bearer ${expired}` } });
    expect(openai.status).toBe(200);
  });

  it("refuses a missing bearer with 401", async () => {
    const result = await httpRequest(`${emu.endpoints["openai-codex"].baseUrl}/responses`, { body: codexBody, auth: false });
    expect(result.status).toBe(401);
  });
});
