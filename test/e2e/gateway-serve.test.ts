import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { startEmulator, type Emulator } from "@switchyard/emulator";
import { hashKey } from "@switchyard/gateway";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, spawnCli, tempFolders, waitForOutput } from "./test-support/run-cli.js";
import { startRedisServer, type RedisServer } from "@switchyard/health-redis/testing";
import { GATEWAY_KEY } from "./test-support/gateway.js";
import { emulatorConfig, ENV, eventually, SECRET } from "./test-support/rig.js";

const folders = tempFolders("sy-serve-");

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `switchyard serve --json` as a subprocess, with the config written to a temp folder. */
async function serve(config: Record<string, unknown>, flags: string[] = []): Promise<Served> {
  const dir = folders.make({ "switchyard.config.json": JSON.stringify(config) });
  const child = spawnCli(["serve", "--config", path.join(dir, "switchyard.config.json"), "--port", "0", "--json", ...flags], { env: ENV });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const first = (await waitForOutput(child, /\n/)).split("\n")[0] as string;
  return { child, url: (JSON.parse(first) as { url: string }).url, stderr: () => stderr, exited };
}

async function ask(served: Served, input: string): Promise<{ status: number; transport: string | null; reason: string | null; text: string }> {
  const response = await fetch(`${served.url}/v1/responses`, {
    method: "POST",
    headers: { authorization: `Bearer ${GATEWAY_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "openai/gpt-5.4", input, stream: true }),
  });
  return { status: response.status, transport: response.headers.get("x-switchyard-transport"), reason: response.headers.get("x-switchyard-reason"), text: await response.text() };
}

const gatewayConfig = { keys: [{ id: "test", sha256: hashKey(GATEWAY_KEY) }] };

describe("switchyard serve as a process", () => {
  let emu: Emulator | undefined;
  let redis: RedisServer | undefined;
  const running: Served[] = [];
  afterEach(async () => {
    for (const served of running.splice(0)) {
      if (served.child.exitCode === null) served.child.kill("SIGKILL");
      await served.exited;
    }
    await redis?.close();
    redis = undefined;
    await emu?.close();
    emu = undefined;
    folders.cleanup();
  });

  it("prints its URL first under --json and, on SIGTERM, finishes the stream in flight before exiting 0", async () => {
    emu = await startEmulator({ port: 0, host: "127.0.0.1", faults: [{ kind: "delay", betweenEventsMs: 15 }] });
    const served = await serve({ ...emulatorConfig(emu), gateway: gatewayConfig });
    running.push(served);
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = ask(served, "a stream that outlives the signal");
    await eventually(() => emu!.stats().requests.length === 1);
    served.child.kill("SIGTERM");
    const { status, text } = await answer;
    expect(status).toBe(200);
    expect(text).toContain("event: response.completed");
    expect(await served.exited).toBe(0);
    expect(served.stderr()).toContain('"msg":"gateway stopped"');
    expect(served.stderr()).toContain('"drained":1');
    expect(served.stderr()).not.toContain(SECRET);
  });

  it("exits 1 with SY_ERR_GATEWAY_LISTEN_FAILED when the port is taken", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    try {
      const port = (taken.address() as { port: number }).port;
      const result = await runCli(["serve", "--emulator", "--port", String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("SY_ERR_GATEWAY_LISTEN_FAILED");
      expect(result.stderr).toContain(`127.0.0.1:${port}`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("refuses to listen off loopback without client keys", async () => {
    const result = await runCli(["serve", "--emulator", "--port", "0", "--listen", "0.0.0.0"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("SY_ERR_GATEWAY_KEYS_REQUIRED");
  });

  it("serves the embedded emulator under --emulator and lists route aliases in /v1/models", async () => {
    const served = await serve({ routes: { main: ["openai/gpt-5.4", "xai/grok-4"] } }, ["--emulator"]);
    running.push(served);
    const models = (await (await fetch(`${served.url}/v1/models`)).json()) as { data: Array<{ id: string }> };
    expect(models.data.map((model) => model.id)).toEqual(expect.arrayContaining(["openai/gpt-5.4", "xai/grok-4", "main"]));
    const response = await fetch(`${served.url}/v1/responses`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "main", input: "hello" }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-switchyard-route")).toBe("openai/gpt-5.4");
    expect(((await response.json()) as { status: string }).status).toBe("completed");
    served.child.kill("SIGTERM");
    expect(await served.exited).toBe(0);
  });

  it("shares health memory across two gateways on one Redis: cool-down, one half-open probe, and serving through a Redis outage", async () => {
    redis = await startRedisServer();
    emu = await startEmulator({ port: 0, host: "127.0.0.1", faults: [{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket" }] });
    // Long enough that the second gateway's turn lands inside it on a loaded machine; the burst below waits for its end.
    const config = { ...emulatorConfig(emu, { openai: { cooldownMs: 3_000 } }), gateway: gatewayConfig, healthStore: { redis: { socket: redis.socket } } };
    const [first, second] = [await serve(config), await serve(config)];
    running.push(first, second);

    // The first gateway's upgrade fails: it falls back and opens a shared cool-down.
    const failed = await ask(first, "turn on the first gateway");
    expect([failed.status, failed.transport, failed.reason]).toEqual([200, "http", "transport-fallback"]);
    expect(emu.stats().profiles.openai.websocket.upgradesAttempted).toBe(1);
    const readHealth = async () =>
      (await (await fetch(`${second.url}/v1/switchyard/health`, { headers: { authorization: `Bearer ${GATEWAY_KEY}` } })).json()) as { store: { state: string }; data: unknown[] };
    let health = await readHealth();
    // The change reaches the second instance over pub/sub: wait for it by time, not by a count of reads.
    for (const started = Date.now(); health.data.length === 0 && Date.now() - started < 10_000; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      health = await readHealth();
    }
    expect(health.store.state).toBe("shared");
    expect(health.data).toEqual([expect.objectContaining({ provider: "openai", state: "cooling-down", failures: 1, lastFailure: expect.objectContaining({ code: "SY_ERR_TRANSPORT_UPGRADE_REJECTED" }) })]);

    // The second gateway never tried: it went straight to HTTP, saying why.
    const skipped = await ask(second, "turn on the second gateway");
    expect([skipped.status, skipped.transport, skipped.reason]).toEqual([200, "http", "websocket-cooling-down"]);
    expect(emu.stats().profiles.openai.websocket.upgradesAttempted).toBe(1);

    // After the cool-down, with the endpoint back (and slow to answer, so the whole burst lands while
    // the probe is in flight even on a loaded machine), exactly one probe across both.
    emu.setFaults([{ kind: "delay", firstEventMs: 4_000, profile: "openai", transport: "websocket" }]);
    // The health endpoint gives the cool-down's end as an ISO date.
    const until = Date.parse((health.data[0] as { until: string }).until);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now()) + 100));
    const burst = await Promise.all([ask(first, "a"), ask(second, "b"), ask(first, "c"), ask(second, "d")]);
    expect(burst.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    const reasons = burst.map((answer) => answer.reason);
    expect(reasons.filter((reason) => reason === "half-open-probe")).toHaveLength(1);
    expect(reasons.filter((reason) => reason !== "half-open-probe")).toEqual(["websocket-probe-in-flight", "websocket-probe-in-flight", "websocket-probe-in-flight"]);
    expect(emu.stats().profiles.openai.websocket.upgradesAttempted).toBe(2);

    // Redis dies: both keep serving, and /readyz says the store is degraded.
    await redis.kill();
    const during = await Promise.all([ask(first, "redis is down"), ask(second, "still down")]);
    expect(during.map((answer) => answer.status)).toEqual([200, 200]);
    for (const served of [first, second]) {
      const ready = await (await fetch(`${served.url}/readyz`)).json();
      expect(ready).toMatchObject({ ready: true, healthStore: { state: "degraded" } });
    }
    expect(first.stderr()).toMatch(/"healthStore":\{"state":"degraded"/);
    await redis.restart();
    for (const served of [first, second]) {
      await eventually(() => served.stderr().includes('"healthStore":{"state":"shared"'), 10_000);
    }
    expect(`${first.stderr()}${second.stderr()}`).not.toContain(SECRET);
  });
});
