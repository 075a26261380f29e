import { fileURLToPath } from "node:url";
import { statSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { collect, textOf } from "./test-support/rig.js";
import { signInAsBrowser, startSignInRig, type SignInRig } from "./test-support/sign-in.js";

let rig: SignInRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const apiRequests = (r: SignInRig) => r.recorder.seen.filter((seen) => seen.url.startsWith("/backend-api/codex/responses"));
const bearerOf = (seen: { headers: Record<string, unknown> }) => String(seen.headers["authorization"]).replace(/^Bearer /, "");

describe("a signed-in openai-codex session", () => {
  it("works with no token in the environment: bearer and account header come from the sign-in", async () => {
    rig = await startSignInRig({ oauth: { accountId: "acct-signed-in" } });
    await signInAsBrowser(rig.host);
    const session = rig.host.session("openai-codex/gpt-5.4", { instructions: "Be brief." });
    const { events, error } = await collect(session.send("Hello"));
    expect(error).toBeUndefined();
    expect(textOf(events)).toBe("You said: Hello");
    const [sent] = apiRequests(rig);
    const stored = rig.stored()["openai-codex"];
    expect(sent?.headers["authorization"]).toBe(`Bearer ${stored?.accessToken}`);
    expect(sent?.headers["chatgpt-account-id"]).toBe("acct-signed-in");
  });

  it("keeps the credentials file private: mode 0600", async () => {
    rig = await startSignInRig();
    await signInAsBrowser(rig.host);
    expect(statSync(rig.credentialsFile).mode & 0o777).toBe(0o600);
  });

  it("refreshes a token that expires mid-conversation exactly once, after the 401, and the turn goes on", async () => {
    rig = await startSignInRig();
    await signInAsBrowser(rig.host);
    const session = rig.host.session("openai-codex/gpt-5.4", { instructions: "Be brief." });
    expect((await collect(session.send("Turn one"))).error).toBeUndefined();
    const before = rig.stored()["openai-codex"];
    rig.emu.oauth.advanceClock(2 * 3_600_000); // the issuer's clock passes the token's exp
    const second = await collect(session.send("Turn two"));
    expect(second.error).toBeUndefined();
    expect(textOf(second.events)).toBe("You said: Turn two");
    expect(rig.emu.oauth.stats().tokenRequests.refresh_token).toBe(1);
    const attempts = apiRequests(rig).slice(1).map((seen) => ({ status: seen.status, bearer: bearerOf(seen) }));
    const after = rig.stored()["openai-codex"];
    expect(attempts).toEqual([
      { status: 401, bearer: before?.accessToken },
      { status: 200, bearer: after?.accessToken },
    ]);
    expect(after?.refreshToken).not.toBe(before?.refreshToken); // rotated
  });

  it("shares one refresh between concurrent turns of one process (single flight)", async () => {
    rig = await startSignInRig();
    await signInAsBrowser(rig.host);
    rig.emu.oauth.advanceClock(2 * 3_600_000);
    const turns = await Promise.all(
      ["a", "b", "c"].map((name) => collect(rig!.host.session("openai-codex/gpt-5.4", { instructions: "Be brief." }).send(`Turn ${name}`))),
    );
    expect(turns.map((turn) => turn.error)).toEqual([undefined, undefined, undefined]);
    expect(rig.emu.oauth.stats().tokenRequests.refresh_token).toBe(1);
    expect(rig.emu.oauth.stats().refusals).toEqual({});
  });

  it("refreshes ahead of expiry, so the API never sees a token about to lapse", async () => {
    rig = await startSignInRig();
    await signInAsBrowser(rig.host);
    const stored = rig.stored();
    const old = stored["openai-codex"]!;
    writeFileSync(rig.credentialsFile, JSON.stringify({ version: 1, providers: { "openai-codex": { ...old, expiresAt: Date.now() + 30_000 } } }));
    const { error } = await collect(rig.host.session("openai-codex/gpt-5.4", { instructions: "Be brief." }).send("Hi"));
    expect(error).toBeUndefined();
    expect(rig.emu.oauth.stats().tokenRequests.refresh_token).toBe(1);
    expect(apiRequests(rig).map(bearerOf)).toEqual([rig.stored()["openai-codex"]?.accessToken]);
    expect(apiRequests(rig).map(bearerOf)).not.toContain(old.accessToken);
  });

  it("sends the refresh token only to the issuer: no request to the API origin carries it", async () => {
    rig = await startSignInRig();
    await signInAsBrowser(rig.host);
    const first = rig.stored()["openai-codex"]!.refreshToken!;
    rig.emu.oauth.advanceClock(2 * 3_600_000);
    await collect(rig.host.session("openai-codex/gpt-5.4", { instructions: "Be brief." }).send("Hi"));
    const second = rig.stored()["openai-codex"]!.refreshToken!;
    for (const seen of rig.recorder.seen) {
      const wire = `${seen.url}\n${JSON.stringify(seen.headers)}\n${seen.body}`;
      expect(wire).not.toContain(first);
      expect(wire).not.toContain(second);
    }
  });

  it("ends in SY_ERR_AUTH_SIGN_IN_REQUIRED with the login command when the refresh token was revoked", async () => {
    rig = await startSignInRig();
    await signInAsBrowser(rig.host);
    const revoked = rig.stored()["openai-codex"]!;
    rig.emu.oauth.revokeRefreshTokens();
    rig.emu.oauth.advanceClock(2 * 3_600_000);
    const { error } = await collect(rig.host.session("openai-codex/gpt-5.4", { instructions: "Be brief." }).send("Hi"));
    expect(error).toMatchObject({ code: "SY_ERR_AUTH_SIGN_IN_REQUIRED", message: expect.stringContaining("invalid_grant") });
    expect(String((error as { fix?: string }).fix)).toContain("`switchyard login openai-codex`");
    expect(JSON.stringify({ message: error?.message, details: error?.details })).not.toContain(revoked.refreshToken);
    expect(rig.stored()["openai-codex"]).toBeUndefined();
    expect(await rig.host.auth.status()).toEqual([expect.objectContaining({ provider: "openai-codex", signedIn: false })]);
  });

  it("refuses to start a turn before any sign-in, naming the exact command, and sends nothing", async () => {
    rig = await startSignInRig();
    const { error } = await collect(rig.host.session("openai-codex/gpt-5.4", { instructions: "Be brief." }).send("Hi"));
    expect(error).toMatchObject({ code: "SY_ERR_AUTH_SIGN_IN_REQUIRED", details: { provider: "openai-codex", command: "switchyard login openai-codex" } });
    expect(error?.message).toContain("OPENAI_CODEX_ACCESS_TOKEN");
    expect(rig.recorder.seen).toEqual([]);
  });

  it("lets a token in the environment win over the store", async () => {
    rig = await startSignInRig();
    await signInAsBrowser(rig.host);
    const host = await rig.newHost({ env: { SWITCHYARD_HOME: rig.home, OPENAI_CODEX_ACCESS_TOKEN: "env-token", OPENAI_CODEX_ACCOUNT_ID: "acct-env" } });
    const { error } = await collect(host.session("openai-codex/gpt-5.4", { instructions: "Be brief." }).send("Hi"));
    expect(error).toBeUndefined();
    expect(apiRequests(rig).map((seen) => [seen.headers["authorization"], seen.headers["chatgpt-account-id"]])).toEqual([["Bearer env-token", "acct-env"]]);
  });

  it("does not use a sign-in stored for another issuer", async () => {
    rig = await startSignInRig();
    await signInAsBrowser(rig.host);
    const moved = await rig.newHost({ config: { providers: { "openai-codex": { ...rig.config.providers["openai-codex"], oauthIssuer: "https://auth.example.test" } } } });
    const { error } = await collect(moved.session("openai-codex/gpt-5.4", { instructions: "Be brief." }).send("Hi"));
    expect(error).toMatchObject({ code: "SY_ERR_AUTH_SIGN_IN_REQUIRED", message: expect.stringContaining("https://auth.example.test") });
    expect(rig.emu.oauth.stats().tokenRequests.refresh_token).toBe(0);
  });
});

describe("sign-in and the other credential sources", () => {
  const hooked = fileURLToPath(new URL("./__fixtures__/sign-in-extensions/hooked", import.meta.url));

  it("lets a resolveAuth hook win: no sign-in needed, the hook's bearer is sent, no refresh on its 401", async () => {
    rig = await startSignInRig();
    const config = { providers: { hooked: { baseUrl: `${rig.recorder.url}/backend-api/codex` } } };
    const good = await rig.newHost({ extensions: [hooked], config, env: { SWITCHYARD_HOME: rig.home, HOOKED_TOKEN: rig.emu.issueAccessToken() } });
    expect((await collect(good.session("hooked/gpt-5.4", { instructions: "Be brief." }).send("Hi"))).error).toBeUndefined();
    const foreign = await rig.newHost({ extensions: [hooked], config, env: { SWITCHYARD_HOME: rig.home, HOOKED_TOKEN: "e30.e30.c2ln" } });
    const { error } = await collect(foreign.session("hooked/gpt-5.4", { instructions: "Be brief." }).send("Hi"));
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_HTTP_STATUS", details: { status: 401 } });
    expect(apiRequests(rig).map((seen) => seen.status)).toEqual([200, 401]);
    expect(rig.emu.oauth.stats().tokenRequests.refresh_token).toBe(0);
  });

  it("refuses an oauthIssuer over plain http off loopback, and one on a provider that declares no sign-in", async () => {
    rig = await startSignInRig();
    const insecure = await rig.newHost({ config: { providers: { "openai-codex": { oauthIssuer: "http://auth.example.test" } } } });
    await expect(insecure.auth.login("openai-codex")).rejects.toMatchObject({ code: "SY_ERR_CONFIG_INSECURE_URL", message: expect.stringContaining("oauthIssuer") });
    const undeclared = await rig.newHost({ config: { providers: { openai: { oauthIssuer: rig.emu.url } } } });
    await expect(undeclared.resolve("openai/gpt-5.4")).rejects.toMatchObject({ code: "SY_ERR_CONFIG_OAUTH_NOT_DECLARED" });
    // Other providers keep working.
    expect((await undeclared.resolve("openai-codex/gpt-5.4")).provider).toBe("openai-codex");
  });
});

describe("sign-in on the websocket and in probes", () => {
  it("refreshes after a 401 upgrade and retries the websocket, without falling back or marking it unhealthy", async () => {
    rig = await startSignInRig();
    await signInAsBrowser(rig.host);
    rig.emu.oauth.advanceClock(2 * 3_600_000);
    const config = { providers: { "openai-codex": { ...rig.emu.endpoints["openai-codex"], oauthIssuer: rig.emu.endpoints.oauth.issuer, allowExperimental: true } } };
    const host = await rig.newHost({ config });
    const { events, error } = await collect(host.session("openai-codex/gpt-5.4", { instructions: "Be brief." }).send("Over the socket"));
    expect(error).toBeUndefined();
    expect(events[0]).toMatchObject({ type: "response-start", transport: "websocket" });
    expect(events.map((event) => event.type)).not.toContain("transport-fallback");
    expect(host.health()).toEqual([]);
    expect(rig.emu.oauth.stats().tokenRequests.refresh_token).toBe(1);
    expect(rig.emu.stats().profiles["openai-codex"].websocket).toMatchObject({ upgradesAttempted: 2, upgradesAccepted: 1 });
  });

  it("reports a probe's credentials as sent once signed in, and not set before", async () => {
    rig = await startSignInRig();
    expect((await rig.host.probe("openai-codex")).map((outcome) => outcome.credentials)).toContain("not set");
    await signInAsBrowser(rig.host);
    const outcomes = await rig.host.probe("openai-codex");
    expect(outcomes.find((outcome) => outcome.transport === "http")).toMatchObject({ ok: true, credentials: "sent" });
  });
});
