import { createServer, request as httpRequest, type Server } from "node:http";
import { gzipSync } from "node:zlib";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { GATEWAY_KEY, startGatewayRig, type GatewayRig } from "./test-support/gateway.js";
import { ENV, eventually, SECRET } from "./test-support/rig.js";

const auth = { authorization: `Bearer ${GATEWAY_KEY}`, "content-type": "application/json" };

function post(rig: GatewayRig, body: unknown, headers: Record<string, string> = auth): Promise<Response> {
  return fetch(`${rig.url}/v1/responses`, { method: "POST", headers, body: JSON.stringify(body) });
}

type Item = Record<string, unknown>;
type ResponseBody = { status: string; output: Item[] };
type ErrorBody = { error: { message: string; type: string; param: string | null; code: string } };

describe("gateway over HTTP: continuation, failover, limits, disconnects, drain", () => {
  let rig: GatewayRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it("continues upstream for a stateless client: a 10-turn resent conversation sends only new items after turn 1", async () => {
    rig = await startGatewayRig();
    const client = new OpenAI({ apiKey: GATEWAY_KEY, baseURL: `${rig.url}/v1`, maxRetries: 0 });
    const conversation: Item[] = [];
    let clientBytes = 0;
    for (let turn = 1; turn <= 10; turn++) {
      conversation.push({ role: "user", content: `Turn ${turn}: tell me something about the number ${turn}.` });
      clientBytes += JSON.stringify({ model: "openai/gpt-5.4", input: conversation }).length;
      const response = await client.responses.create({ model: "openai/gpt-5.4", input: conversation as never });
      expect(response.output_text).toContain(`Turn ${turn}`);
      conversation.push(...(response.output as unknown as Item[]));
    }
    const upstream = rig.emu.stats().requests.filter((request) => request.profile === "openai");
    expect(upstream.map((request) => request.previousResponseId)).toEqual([false, true, true, true, true, true, true, true, true, true]);
    expect(upstream.slice(1).every((request) => request.inputItems === 1)).toBe(true);
    const upstreamBytes = rig.emu.stats().profiles.openai.websocket.bytesReceived;
    expect(upstreamBytes * 2).toBeLessThan(clientBytes);
  });

  it("continues from a client's previous_response_id for a response it served", async () => {
    rig = await startGatewayRig();
    const first = (await (await post(rig, { model: "openai/gpt-5.4", input: "first" })).json()) as ResponseBody & { id: string };
    const second = (await (await post(rig, { model: "openai/gpt-5.4", previous_response_id: first.id, input: "second" })).json()) as ResponseBody & { previous_response_id: string };
    expect(second).toMatchObject({ status: "completed", previous_response_id: first.id });
    const unknown = await post(rig, { model: "openai/gpt-5.4", previous_response_id: "resp_nobody", input: "x" });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorBody).error).toMatchObject({ code: "previous_response_not_found", param: "previous_response_id" });
    const upstream = rig.emu.stats().requests.filter((request) => request.profile === "openai");
    expect(upstream.map((request) => [request.previousResponseId, request.inputItems])).toEqual([
      [false, 1],
      [true, 1],
    ]);
  });

  it("replays the whole conversation upstream when the upstream lost the continuation state", async () => {
    rig = await startGatewayRig();
    const first = (await (await post(rig, { model: "openai/gpt-5.4", input: "remember this" })).json()) as ResponseBody;
    rig.emu.setFaults([{ kind: "forget-continuation", times: 1 }]);
    const input = [{ role: "user", content: "remember this" }, ...first.output, { role: "user", content: "and now?" }];
    const second = (await (await post(rig, { model: "openai/gpt-5.4", input })).json()) as ResponseBody;
    expect(second.status).toBe("completed");
    const upstream = rig.emu.stats().requests.filter((request) => request.profile === "openai");
    // turn 1; the continuation the server refused; the full replay of 3 items
    expect(upstream.map((request) => [request.previousResponseId, request.inputItems])).toEqual([
      [false, 1],
      [true, 1],
      [false, 3],
    ]);
  });

  it("fails a route over from a provider answering 500 to the next, which gets only its own credential", async () => {
    // xai's base URL is a recording proxy in front of the emulator: it sees the credential xai is sent.
    const seen: string[] = [];
    let target = "";
    const proxy: Server = createServer((req, res) => {
      seen.push(String(req.headers.authorization));
      const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}/xai/v1`;
      const env = { ...ENV, OPENAI_API_KEY: "sk-openai-SENTINEL-1111", XAI_API_KEY: "xai-SENTINEL-2222" };
      rig = await startGatewayRig({ env, providers: { openai: { transport: "http" }, xai: { baseUrl: proxyUrl, transport: "http" } }, routes: { main: ["openai/gpt-5.4", "xai/grok-4"] } });
      target = rig.emu.url;
      rig.emu.setFaults([{ kind: "http-status", status: 500, profile: "openai", transport: "http" }]);
      const response = await post(rig, { model: "main", input: "hello", stream: true });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-switchyard-route")).toBe("xai/grok-4");
      const text = await response.text();
      expect(text).toContain("event: response.completed");
      expect(rig.emu.stats().requests.map((request) => request.profile)).toEqual(["openai", "xai"]);
      expect(seen).toEqual(["Bearer xai-SENTINEL-2222"]);
      expect(rig.logs.some((line) => line.includes('"event":"route-failover"'))).toBe(true);
      const metrics = await (await fetch(`${rig.url}/metrics`)).text();
      expect(metrics).toContain('switchyard_gateway_route_failovers_total{route="main",from="openai/gpt-5.4",to="xai/grok-4"} 1');
      for (const secret of ["sk-openai-SENTINEL-1111", "xai-SENTINEL-2222"]) expect(`${text}${metrics}${rig.logs.join("")}`).not.toContain(secret);
    } finally {
      await rig?.close();
      rig = undefined;
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it("falls back to HTTP when the upstream websocket upgrade fails, and shows the cool-down in health and metrics", async () => {
    rig = await startGatewayRig();
    rig.emu.setFaults([{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket" }]);
    const fallback = await post(rig, { model: "openai/gpt-5.4", input: "hello", stream: true });
    expect([fallback.headers.get("x-switchyard-transport"), fallback.headers.get("x-switchyard-reason")]).toEqual(["http", "transport-fallback"]);
    expect(await fallback.text()).toContain("event: response.completed");
    const next = await post(rig, { model: "openai/gpt-5.4", input: "again" });
    expect([next.headers.get("x-switchyard-transport"), next.headers.get("x-switchyard-reason")]).toEqual(["http", "websocket-cooling-down"]);
    const health = (await (await fetch(`${rig.url}/v1/switchyard/health`, { headers: auth })).json()) as { store: { state: string }; data: Array<Record<string, unknown>> };
    expect(health.store.state).toBe("local");
    expect(health.data).toEqual([
      expect.objectContaining({ provider: "openai", transport: "websocket", state: "cooling-down", failures: 1, reason: expect.stringContaining("SY_ERR_TRANSPORT_UPGRADE_REJECTED"), until: expect.any(String) }),
    ]);
    const metrics = await (await fetch(`${rig.url}/metrics`)).text();
    expect(metrics).toContain('switchyard_gateway_transport_fallbacks_total{provider="openai"} 1');
    expect(metrics).toContain('switchyard_gateway_cooldowns{provider="openai",transport="websocket",state="cooling-down"} 1');
    expect(metrics).toMatch(/switchyard_gateway_time_to_first_event_seconds_count\{provider="openai",transport="http"\} 2/);
  });

  it("answers an upstream 500 with 502 in the OpenAI shape when no candidate is left", async () => {
    rig = await startGatewayRig({ providers: { openai: { transport: "http" } } });
    rig.emu.setFaults([{ kind: "http-status", status: 500, profile: "openai", transport: "http" }]);
    const response = await post(rig, { model: "openai/gpt-5.4", input: "hello", stream: true });
    expect(response.status).toBe(502);
    const body = (await response.json()) as ErrorBody;
    expect(body.error).toMatchObject({ type: "server_error", code: "SY_ERR_TRANSPORT_HTTP_STATUS" });
    expect(JSON.stringify(body)).not.toContain(SECRET);
  });

  it("refuses a body over the limit with 413 and SY_ERR_GATEWAY_BODY_TOO_LARGE, before any provider is contacted", async () => {
    rig = await startGatewayRig({ gateway: { maxBodyBytes: 1_000 } });
    const response = await post(rig, { model: "openai/gpt-5.4", input: "x".repeat(2_000) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe("SY_ERR_GATEWAY_BODY_TOO_LARGE");
    expect(rig.emu.stats().requests).toHaveLength(0);
  });

  it("reads gzip bodies, refuses one that inflates past the limit, and answers zstd with 415", async () => {
    rig = await startGatewayRig({ gateway: { maxBodyBytes: 2_000 } });
    const send = (body: Buffer, encoding: string) => fetch(`${rig!.url}/v1/responses`, { method: "POST", headers: { ...auth, "content-encoding": encoding }, body });
    const small = await send(gzipSync(JSON.stringify({ model: "openai/gpt-5.4", input: "compressed hello" })), "gzip");
    expect(small.status).toBe(200);
    const bomb = await send(gzipSync(JSON.stringify({ model: "openai/gpt-5.4", input: "x".repeat(50_000) })), "gzip");
    expect(bomb.status).toBe(413);
    const zstd = await send(Buffer.from("(zstd bytes)"), "zstd");
    expect(zstd.status).toBe(415);
    expect(((await zstd.json()) as ErrorBody).error.code).toBe("SY_ERR_GATEWAY_ENCODING_UNSUPPORTED");
    expect(rig.emu.stats().requests).toHaveLength(1);
  });

  it("refuses a stream over the concurrency limit with 429 and SY_ERR_GATEWAY_TOO_MANY_STREAMS", async () => {
    rig = await startGatewayRig({ gateway: { maxConcurrentStreams: 1 } });
    rig.emu.setFaults([{ kind: "delay", firstEventMs: 300 }]);
    const first = post(rig, { model: "openai/gpt-5.4", input: "slow one" });
    await eventually(() => rig!.emu.stats().requests.length === 1);
    const second = await post(rig, { model: "openai/gpt-5.4", input: "one too many" });
    expect(second.status).toBe(429);
    expect(((await second.json()) as ErrorBody).error).toMatchObject({ type: "rate_limit_error", code: "SY_ERR_GATEWAY_TOO_MANY_STREAMS" });
    expect((await first).status).toBe(200);
  });

  it("ends the upstream stream when the client disconnects mid-stream", async () => {
    rig = await startGatewayRig({ providers: { openai: { transport: "http" } } });
    rig.emu.setFaults([{ kind: "delay", betweenEventsMs: 50 }]);
    const controller = new AbortController();
    const response = await fetch(`${rig.url}/v1/responses`, { method: "POST", headers: auth, body: JSON.stringify({ model: "openai/gpt-5.4", input: "a long answer please", stream: true }), signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    expect(rig.emu.stats().openConnections).toBe(1);
    controller.abort();
    await eventually(() => rig!.emu.stats().openConnections === 0, 3_000);
    await eventually(() => rig!.logs.some((line) => line.includes('"error":"client-disconnected"')));
    const metrics = await (await fetch(`${rig.url}/metrics`)).text();
    expect(metrics).toContain("switchyard_gateway_streams_in_flight 0");
  });

  it("drains on stop: an in-flight stream finishes, new requests get 503, then the server closes", async () => {
    rig = await startGatewayRig({ providers: { openai: { transport: "http" } } });
    rig.emu.setFaults([{ kind: "delay", betweenEventsMs: 20 }]);
    const streaming = post(rig, { model: "openai/gpt-5.4", input: "finish me", stream: true }).then((response) => response.text());
    await eventually(() => rig!.emu.stats().requests.length === 1);
    const drained = rig.gateway.drain(10_000);
    const ready = await fetch(`${rig.url}/readyz`).catch(() => undefined);
    if (ready) expect(ready.status).toBe(503);
    expect(await streaming).toContain("event: response.completed");
    expect(await drained).toEqual({ drained: 1, aborted: 0 });
    await expect(fetch(`${rig.url}/healthz`)).rejects.toThrow();
  });

  it("aborts what is left at the drain deadline", async () => {
    rig = await startGatewayRig({ providers: { openai: { transport: "http" } } });
    rig.emu.setFaults([{ kind: "delay", betweenEventsMs: 200 }]);
    const streaming = post(rig, { model: "openai/gpt-5.4", input: "too slow to finish", stream: true }).then((response) => response.text()).catch(() => "");
    await eventually(() => rig!.emu.stats().requests.length === 1);
    expect(await rig.gateway.drain(100)).toEqual({ drained: 0, aborted: 1 });
    expect(await streaming).not.toContain("event: response.completed");
  });
});
