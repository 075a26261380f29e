import OpenAI from "openai";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmulatorErrorCode, startEmulator, type Emulator } from "./index.js";
import { httpRequest, WireSocket } from "./test-support/wire.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

async function until(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("stats", () => {
  it("counts HTTP requests, body bytes and credentials, and logs each request without secrets", async () => {
    const body = { model: "gpt-5.4", input: [{ role: "user", content: "a" }, { role: "user", content: "b" }], store: false, stream: true };
    await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body, headers: { authorization: "Bearer sk-very-secret" } });
    await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { model: "gpt-5.4", input: "x" }, auth: false });
    const stats = emu.stats();
    const bytes = Buffer.byteLength(JSON.stringify(body)) + Buffer.byteLength(JSON.stringify({ model: "gpt-5.4", input: "x" }));
    expect(stats.profiles.openai.http).toEqual({ upgradesAttempted: 0, upgradesAccepted: 0, requests: 2, bytesReceived: bytes, credentialsSeen: 1 });
    expect(stats.profiles.xai.http.requests).toBe(0);
    expect(stats.requests).toEqual([
      { profile: "openai", transport: "http", path: "/v1/responses", model: "gpt-5.4", previousResponseId: false, inputItems: 2, credentials: true, store: false, at: expect.any(Number) },
      { profile: "openai", transport: "http", path: "/v1/responses", model: "gpt-5.4", previousResponseId: false, inputItems: 1, credentials: false, store: null, at: expect.any(Number) },
    ]);
    expect(JSON.stringify(stats)).not.toContain("secret");
  });

  it("counts websocket upgrades, create messages and their bytes per profile", async () => {
    const socket = new WireSocket(emu.endpoints.xai.websocketUrl);
    await socket.opened;
    const message = JSON.stringify({ type: "response.create", model: "grok-4", input: "hi", previous_response_id: "resp_x" });
    socket.ws.send(message);
    await socket.waitFor((event) => event.type === "error");
    await new WireSocket(emu.endpoints.xai.websocketUrl, {}).opened.catch(() => undefined);
    const stats = emu.stats();
    expect(stats.profiles.xai.websocket).toEqual({
      upgradesAttempted: 2,
      upgradesAccepted: 1,
      requests: 1,
      bytesReceived: Buffer.byteLength(message),
      credentialsSeen: 1,
    });
    expect(stats.requests[0]).toMatchObject({ profile: "xai", transport: "websocket", path: "/xai/v1/responses", previousResponseId: true, credentials: true });
    await socket.close();
  });

  it("resetStats clears counters and the log", async () => {
    await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { model: "gpt-5.4", input: "x" } });
    emu.resetStats();
    expect(emu.stats().profiles.openai.http.requests).toBe(0);
    expect(emu.stats().requests).toEqual([]);
  });

  it("openConnections counts keep-alive and websocket sockets and returns to 0 when clients close", async () => {
    const client = new OpenAI({ apiKey: "test-key", baseURL: emu.endpoints.openai.baseUrl, maxRetries: 0 });
    await client.responses.create({ model: "gpt-5.4", input: "x" });
    const socket = new WireSocket(emu.endpoints.openai.websocketUrl);
    await socket.opened;
    await until(() => emu.stats().openConnections === 2);
    await socket.close();
    await until(() => emu.stats().openConnections === 1);
    // The SDK's keep-alive socket stays until the emulator closes idle connections on close().
    expect(emu.stats().openConnections).toBe(1);
  });

  it("close() ends keep-alive and websocket connections and resolves once the server is closed", async () => {
    const other = await startEmulator();
    const socket = new WireSocket(other.endpoints.openai.websocketUrl);
    await socket.opened;
    const client = new OpenAI({ apiKey: "test-key", baseURL: other.endpoints.openai.baseUrl, maxRetries: 0 });
    await client.responses.create({ model: "gpt-5.4", input: "x" });
    await other.close();
    expect(other.stats().openConnections).toBe(0);
    expect((await socket.closed).code).toBe(1006);
    expect(() => other.setFaults([])).toThrow(expect.objectContaining({ code: EmulatorErrorCode.closed }));
    await expect(httpRequest(`${other.url}/v1/models`)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe("startEmulator options", () => {
  it.each([
    [{ port: -1 }],
    [{ port: 65_536 }],
    [{ model: { textDeltas: 0 } }],
    [{ model: { deltaSize: 1.5 } }],
    [{ connectionAgeMs: { gemini: 10 } as never }],
    [{ connectionAgeMs: { openai: 0 } }],
  ])("rejects %j with SY_ERR_EMULATOR_OPTIONS_INVALID", async (options) => {
    await expect(startEmulator(options)).rejects.toMatchObject({ code: EmulatorErrorCode.optionsInvalid });
  });

  it("reports a port in use with SY_ERR_EMULATOR_LISTEN_FAILED", async () => {
    await expect(startEmulator({ port: emu.port })).rejects.toMatchObject({ code: EmulatorErrorCode.listenFailed });
  });

  it("exposes the endpoints of every profile", () => {
    const port = emu.port;
    expect(emu.url).toBe(`http://127.0.0.1:${port}`);
    expect(emu.endpoints).toEqual({
      openai: { baseUrl: `http://127.0.0.1:${port}/v1`, websocketUrl: `ws://127.0.0.1:${port}/v1/responses` },
      "openai-codex": { baseUrl: `http://127.0.0.1:${port}/backend-api/codex`, websocketUrl: `ws://127.0.0.1:${port}/backend-api/codex/responses` },
      xai: { baseUrl: `http://127.0.0.1:${port}/xai/v1`, websocketUrl: `ws://127.0.0.1:${port}/xai/v1/responses` },
      oauth: { issuer: `http://127.0.0.1:${port}` },
      anthropic: { baseUrl: `http://127.0.0.1:${port}/anthropic/v1`, websocketUrl: `ws://127.0.0.1:${port}/anthropic/v1/responses` },
    });
  });
});

describe("docs/errors.md", () => {
  it("lists exactly the emulator's error codes under ## emulator", () => {
    const doc = readFileSync(new URL("../../../docs/errors.md", import.meta.url), "utf8");
    const section = doc.split(/^## /m).find((part) => part.startsWith("emulator")) ?? "";
    const documented = [...section.matchAll(/^### (SY_ERR_EMULATOR_[A-Z_]+)$/gm)].map((match) => match[1]).sort();
    expect(documented).toEqual(Object.values(EmulatorErrorCode).sort());
  });
});
