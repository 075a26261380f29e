import { createHost, recordFailure, type HealthChange, type HealthEntry, type HealthStoreChange } from "@switchyard/core";
import { createClient } from "redis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RedisHealthStore } from "./redis-health-store.js";
import { startRedisServer, type RedisServer } from "./testing.js";

const KEY = "openai|websocket|https://api.openai.com";

function failure(at: number): HealthEntry {
  return recordFailure(undefined, {
    key: KEY,
    provider: "openai",
    origin: "https://api.openai.com",
    failure: { code: "SY_ERR_TRANSPORT_UPGRADE_REJECTED", message: "rejected with HTTP 500", at },
    cooldownMs: 5_000,
    maxCooldownMs: 60_000,
    probe: false,
  });
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("RedisHealthStore on a real redis-server", () => {
  let redis: RedisServer;
  const stores: RedisHealthStore[] = [];
  const open = async () => {
    const store = await RedisHealthStore.connect({ socket: redis.socket, keyPrefix: "test:" });
    stores.push(store);
    return store;
  };
  beforeEach(async () => {
    redis = await startRedisServer();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await redis.close();
  });

  it("shares an entry with another instance, whose subscribers hear it as a remote change", async () => {
    const [first, second] = [await open(), await open()];
    const heard: HealthStoreChange[] = [];
    second.subscribe((change) => heard.push(change));
    const entry = failure(Date.now());
    await first.update(KEY, () => entry);
    await until(() => heard.length === 1);
    expect(heard[0]).toMatchObject({ key: KEY, previous: undefined, next: { failures: 1, state: "cooling-down" }, remote: true });
    expect(second.get(KEY)).toEqual(entry);
    expect(first.status().state).toBe("shared");
  });

  it("fires healthChange on a host whose store heard another instance's change", async () => {
    const [first, second] = [await open(), await open()];
    const host = await createHost({ healthStore: second });
    try {
      const changes: HealthChange[] = [];
      host.hooks.healthChange.tap("test", (change) => changes.push(change));
      await first.update(KEY, () => failure(Date.now()));
      await until(() => changes.length === 1);
      expect(changes[0]).toMatchObject({ key: KEY, provider: "openai", from: "healthy", to: "cooling-down" });
      expect(host.health()).toEqual([expect.objectContaining({ key: KEY, state: "cooling-down" })]);
      expect(host.healthStatus().state).toBe("shared");
    } finally {
      await host.close();
    }
  });

  it("stores one key per (provider, websocket, origin) whose TTL covers the cool-down", async () => {
    const store = await open();
    await store.update(KEY, () => failure(Date.now()));
    const client = createClient({ socket: { path: redis.socket, tls: false } });
    await client.connect();
    try {
      expect(await client.keys("test:*")).toEqual([`test:${KEY}`]);
      const ttl = await client.pTTL(`test:${KEY}`);
      // cool-down (5 s) plus one more for the half-open probe
      expect(ttl).toBeGreaterThan(9_000);
      expect(ttl).toBeLessThanOrEqual(10_000);
    } finally {
      await client.close();
    }
  });

  it("lets exactly one of two instances claim the half-open probe when both try at once", async () => {
    const [first, second] = [await open(), await open()];
    const entry = { ...failure(Date.now() - 10_000) };
    await first.update(KEY, () => entry);
    await until(() => second.get(KEY) !== undefined);
    const claim = (store: RedisHealthStore, at: number) =>
      store.update(KEY, (current) => (current && current.probeStartedAt === undefined ? { ...current, state: "half-open", probeStartedAt: at } : current));
    const results = await Promise.all([claim(first, 111), claim(second, 222), claim(first, 333), claim(second, 444)]);
    const winners = results.filter((result, index) => result.next?.probeStartedAt === [111, 222, 333, 444][index]);
    expect(winners).toHaveLength(1);
  });

  it("makes no local write after losing every compare-and-set round: the other instances' value stands", async () => {
    const store = await open();
    const theirs = { ...failure(Date.now() - 10_000), state: "half-open" as const, probeStartedAt: 1, probeToken: "theirs" };
    // Every round lost to another instance, which holds `theirs` in Redis.
    (store as unknown as { client: { eval: () => Promise<[number, string]> } }).client.eval = async () => [0, JSON.stringify(theirs)];
    const change = await store.update(KEY, (current) => ({ ...(current ?? failure(0)), probeToken: "mine" }));
    expect(change.next).toEqual(theirs);
    expect(store.get(KEY)).toEqual(theirs);
    expect(store.status().state).toBe("shared");
  });

  it("keeps working on its mirror while Redis is down, says so, then pushes what it learned", async () => {
    const statuses: string[] = [];
    const store = await RedisHealthStore.connect({ socket: redis.socket, keyPrefix: "test:", onStatus: (status) => statuses.push(status.state) });
    stores.push(store);
    await redis.kill();
    const entry = failure(Date.now());
    const change = await store.update(KEY, () => entry);
    expect(change.next).toEqual(entry);
    expect(store.get(KEY)).toEqual(entry);
    expect(store.status()).toMatchObject({ state: "degraded", detail: expect.stringContaining("unreachable") });
    await redis.restart();
    await until(() => store.status().state === "shared", 10_000);
    expect(statuses).toEqual(["shared", "degraded", "shared"]);
    const other = await open();
    expect(other.get(KEY)).toEqual(entry);
  });

  it("starts degraded when Redis is not there yet, and shares what it learned once Redis comes up", async () => {
    await redis.kill();
    const store = await RedisHealthStore.connect({ socket: redis.socket, keyPrefix: "test:", connectTimeoutMs: 200 });
    stores.push(store);
    expect(store.status().state).toBe("degraded");
    const entry = failure(Date.now());
    await store.update(KEY, () => entry);
    expect(store.get(KEY)).toEqual(entry);
    await redis.restart();
    await until(() => store.status().state === "shared", 10_000);
    const other = await open();
    expect(other.get(KEY)).toEqual(entry);
    // and it hears other instances again
    await other.update(KEY, () => undefined);
    await until(() => store.get(KEY) === undefined);
  });
});
