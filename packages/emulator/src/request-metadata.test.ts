import { readFileSync } from "node:fs";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { WebSocket } from "ws";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "./index.js";
import { httpRequest, sseJson, WireSocket } from "./test-support/wire.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

const codexBody = readFileSync(new URL("./__fixtures__/real-clients/codex-http-body.json.zst", import.meta.url));
const plain = JSON.stringify({ model: "gpt-5.4", input: "compressed hello", stream: true });

describe("compressed request bodies", () => {
  it("admits Codex CLI's real zstd body on the codex profile and answers the turn", async () => {
    const result = await httpRequest(`${emu.endpoints["openai-codex"].baseUrl}/responses`, {
      rawBody: codexBody,
      headers: { "content-encoding": "zstd" },
    });
    expect(result.status).toBe(200);
    expect(sseJson(result).at(-1)).toMatchObject({ type: "response.completed", response: { model: "gpt-5.4", store: false } });
  });

  it.each([
    ["gzip", gzipSync(plain)],
    ["deflate", deflateSync(plain)],
    ["br", brotliCompressSync(plain)],
  ])("decodes a %s body", async (encoding, bytes) => {
    const result = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { rawBody: bytes, headers: { "content-encoding": encoding } });
    expect(result.status).toBe(200);
    expect(sseJson(result).at(-1)).toMatchObject({ response: { output: [{ content: [{ text: "You said: compressed hello" }] }] } });
  });

  it("refuses an encoding the service does not accept with 415, naming the ones it does", async () => {
    const result = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { rawBody: plain, headers: { "content-encoding": "compress" } });
    expect(result.status).toBe(415);
    expect(JSON.parse(result.text).error).toMatchObject({ code: "unsupported_content_encoding" });
    expect(JSON.parse(result.text).error.message).toContain("zstd, gzip, deflate, br");
  });

  it("answers 400 for bytes that do not decode as the declared encoding", async () => {
    const result = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { rawBody: plain, headers: { "content-encoding": "zstd" } });
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text).error).toMatchObject({ code: "invalid_body_encoding" });
  });
});

describe("response metadata", () => {
  it("sends x-request-id, openai-model and the platform rate-limit headers on every HTTP answer", async () => {
    const ok = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { model: "gpt-5.4", input: "hi" } });
    expect(ok.headers["x-request-id"]).toMatch(/^req_[0-9a-f]{32}$/);
    expect(ok.headers["openai-model"]).toBe("gpt-5.4");
    expect(ok.headers["x-ratelimit-remaining-requests"]).toBe("9999");
    const refused = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { input: "no model" } });
    expect(refused.status).toBe(400);
    expect(refused.headers["x-request-id"]).toMatch(/^req_/);
    expect(refused.headers["x-request-id"]).not.toBe(ok.headers["x-request-id"]);
  });

  it("sends the codex usage headers on the codex profile", async () => {
    const body = { model: "gpt-5.4", input: "hi", instructions: "be brief", store: false, stream: true };
    const result = await httpRequest(`${emu.endpoints["openai-codex"].baseUrl}/responses`, { body });
    expect(result.headers).toMatchObject({ "x-codex-primary-used-percent": "1", "x-codex-primary-window-minutes": "300" });
    expect(result.headers["x-ratelimit-limit-requests"]).toBeUndefined();
  });

  it("offers permessage-deflate on the websocket and puts the request id on the 101 answer", async () => {
    const ws = new WebSocket(emu.endpoints.openai.websocketUrl, { headers: { authorization: "Bearer k" } });
    let upgrade: Record<string, unknown> = {};
    ws.once("upgrade", (res) => (upgrade = res.headers));
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    expect(ws.extensions).toContain("permessage-deflate");
    expect(upgrade["x-request-id"]).toMatch(/^req_/);
    ws.close();
    await new Promise<void>((resolve) => ws.once("close", () => resolve()));
  });

  it("sends codex.rate_limits before response.created on the codex websocket, and not elsewhere", async () => {
    const create = { type: "response.create", model: "gpt-5.4", input: "hi", instructions: "be brief", store: false };
    const codex = new WireSocket(emu.endpoints["openai-codex"].websocketUrl);
    const openai = new WireSocket(emu.endpoints.openai.websocketUrl);
    await Promise.all([codex.opened, openai.opened]);
    codex.send(create);
    openai.send(create);
    await codex.waitFor((message) => message.type === "response.completed");
    await openai.waitFor((message) => message.type === "response.completed");
    expect(codex.messages.slice(0, 2).map((message) => message.type)).toEqual(["codex.rate_limits", "response.created"]);
    expect(codex.messages[0]).toMatchObject({ rate_limits: { allowed: true, limit_reached: false, primary: { window_minutes: 300 } } });
    expect(openai.messages.some((message) => message.type === "codex.rate_limits")).toBe(false);
    await Promise.all([codex.close(), openai.close()]);
  });

  it("reports cached tokens when a prompt_cache_key repeats, and none the first time", async () => {
    const url = `${emu.endpoints.openai.baseUrl}/responses`;
    const body = { model: "gpt-5.4", input: "a prompt long enough to share a few cache blocks ".repeat(8), prompt_cache_key: "thread-1" };
    const first = JSON.parse((await httpRequest(url, { body })).text);
    const second = JSON.parse((await httpRequest(url, { body })).text);
    const other = JSON.parse((await httpRequest(url, { body: { ...body, prompt_cache_key: "thread-2" } })).text);
    expect(first.usage.input_tokens_details.cached_tokens).toBe(0);
    expect(second.usage.input_tokens_details.cached_tokens).toBeGreaterThan(0);
    expect(second.usage.input_tokens_details.cached_tokens).toBeLessThanOrEqual(second.usage.input_tokens);
    expect(other.usage.input_tokens_details.cached_tokens).toBe(0);
  });
});
