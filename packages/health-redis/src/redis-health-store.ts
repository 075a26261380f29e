import { randomUUID } from "node:crypto";
import { PROBE_STALE_MS, type HealthEntry, type HealthStore, type HealthStoreChange, type HealthStoreStatus } from "@switchyard/core";
import { createClient } from "redis";
import { COMPARE_AND_SET, RESYNC_IF_ABSENT } from "./scripts.js";

export interface RedisHealthStoreOptions {
  /** redis:// or rediss:// URL (may carry a password: it is never logged or reported). */
  url?: string;
  /** Path of Redis's unix socket (instead of url). */
  socket?: string;
  /** Prefix of every key and of the change channel; default "switchyard:health:". */
  keyPrefix?: string;
  /** How long to wait for the first connection before serving degraded; default 2 s. */
  connectTimeoutMs?: number;
  /** Told about connection trouble and recovery (the gateway passes its logger). */
  onStatus?: (status: HealthStoreStatus) => void;
  clock?: () => number;
}

type Client = ReturnType<typeof createClient>;
interface Mirrored {
  entry: HealthEntry;
  /** The exact stored text: what a compare-and-set compares against. */
  raw: string;
  expiresAt: number;
}

/** How long Redis keeps an entry: its cool-down, plus one more for the half-open probe and the doubling. */
export function entryTtlMs(entry: HealthEntry, now: number): number {
  const cooling = Math.max(entry.until - now, 0) + entry.cooldownMs;
  return Math.max(1, entry.probeStartedAt !== undefined ? Math.max(cooling, entry.probeStartedAt + PROBE_STALE_MS - now) : cooling);
}

/**
 * A health store on Redis: one key per (provider, websocket, origin), TTL from the cool-down,
 * every write a compare-and-set in Lua, every change published so each instance's healthChange
 * fires. Reads come from a local mirror. When Redis is unreachable the store keeps working on
 * the mirror (status "degraded"), and on reconnect it pushes what it learned meanwhile and reloads.
 */
export class RedisHealthStore implements HealthStore {
  private readonly mirror = new Map<string, Mirrored>();
  private readonly listeners = new Set<(change: HealthStoreChange) => void>();
  /** Keys changed while Redis was unreachable. */
  private readonly dirty = new Set<string>();
  private readonly instance = randomUUID();
  private readonly prefix: string;
  private readonly channel: string;
  private readonly clock: () => number;
  private readonly where: string;
  private state: HealthStoreStatus = { state: "degraded", detail: "not connected yet" };
  private closed = false;

  private constructor(
    private readonly client: Client,
    private readonly subscriber: Client,
    private readonly options: RedisHealthStoreOptions,
  ) {
    this.prefix = options.keyPrefix ?? "switchyard:health:";
    this.channel = `${this.prefix}changes`;
    this.clock = options.clock ?? Date.now;
    this.where = options.socket ? `unix:${options.socket}` : redactUrl(options.url ?? "redis://localhost:6379");
  }

  /** Connects (or starts degraded when Redis does not answer within connectTimeoutMs) and loads the entries. */
  static async connect(options: RedisHealthStoreOptions): Promise<RedisHealthStore> {
    const reconnectStrategy = (retries: number) => Math.min(50 * 2 ** retries, 1_000);
    const client: Client = createClient({
      ...(options.url ? { url: options.url } : {}),
      socket: options.socket ? { path: options.socket, reconnectStrategy } : { reconnectStrategy },
      // Fail fast while disconnected: the mirror answers, nothing waits on a queue.
      disableOfflineQueue: true,
    });
    const store = new RedisHealthStore(client, client.duplicate(), options);
    await store.start();
    return store;
  }

  get(key: string): HealthEntry | undefined {
    const mirrored = this.mirror.get(key);
    if (mirrored && mirrored.expiresAt <= this.clock()) {
      this.mirror.delete(key);
      return undefined;
    }
    return mirrored?.entry;
  }

  entries(): HealthEntry[] {
    return [...this.mirror.keys()].map((key) => this.get(key)).filter((entry): entry is HealthEntry => entry !== undefined);
  }

  status(): HealthStoreStatus {
    return this.state;
  }

  subscribe(listener: (change: HealthStoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async update(key: string, change: (current: HealthEntry | undefined) => HealthEntry | undefined): Promise<HealthStoreChange> {
    let expected = this.get(key) === undefined ? "" : (this.mirror.get(key)?.raw ?? "");
    if (this.state.state === "shared") {
      try {
        for (let attempt = 0; attempt < 20; attempt++) {
          const previous = parse(expected);
          const next = change(previous);
          const raw = next ? JSON.stringify(next) : "";
          const message = JSON.stringify({ from: this.instance, key, raw });
          const ttl = next ? entryTtlMs(next, this.clock()) : 0;
          const reply = (await this.client.eval(COMPARE_AND_SET, { keys: [this.prefix + key], arguments: [expected, raw, String(ttl), this.channel, message] })) as [number, string];
          if (reply[0] === 1) return this.apply(key, raw, false);
          expected = reply[1];
        }
        // Lost every round to other instances: their value stands, and this change is not made
        // (a local write here would let this instance believe, say, that it holds the probe).
        return this.apply(key, expected, true);
      } catch (error) {
        this.degrade(error);
      }
    }
    // Degraded: this instance's memory carries on, and the key is pushed on reconnect.
    this.dirty.add(key);
    const next = change(this.get(key));
    return this.apply(key, next ? JSON.stringify(next) : "", false);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([this.subscriber.isOpen ? this.subscriber.close() : undefined, this.client.isOpen ? this.client.close() : undefined]);
  }

  private async start(): Promise<void> {
    this.client.on("error", (error: unknown) => this.degrade(error));
    this.subscriber.on("error", (error: unknown) => this.degrade(error));
    this.client.on("ready", () => void this.resync());
    const timeout = this.options.connectTimeoutMs ?? 2_000;
    const connected = Promise.all([this.client.connect(), this.subscriber.connect()]).then(() => true);
    const ready = await Promise.race([connected, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeout).unref())]).catch(() => false);
    // Subscribed once; node-redis resubscribes after every reconnect.
    if (ready) await this.subscriber.subscribe(this.channel, (message) => this.onMessage(message));
    else {
      connected.then(() => this.subscriber.subscribe(this.channel, (message) => this.onMessage(message))).catch(() => undefined);
      this.degrade(new Error(`no answer within ${timeout} ms`));
    }
    if (ready) await this.resync();
  }

  /** After (re)connecting: push what was learned meanwhile, then reload every entry from Redis. */
  private async resync(): Promise<void> {
    if (this.closed || !this.client.isReady) return;
    try {
      for (const key of [...this.dirty]) {
        const local = this.get(key);
        if (local) {
          const raw = JSON.stringify(local);
          const message = JSON.stringify({ from: this.instance, key, raw });
          await this.client.eval(RESYNC_IF_ABSENT, { keys: [this.prefix + key], arguments: [raw, String(entryTtlMs(local, this.clock())), this.channel, message] });
        }
        this.dirty.delete(key);
      }
      const seen = new Set<string>();
      for await (const batch of this.client.scanIterator({ MATCH: `${this.prefix}*`, COUNT: 100 })) {
        for (const redisKey of Array.isArray(batch) ? batch : [batch]) {
          const key = String(redisKey).slice(this.prefix.length);
          if (String(redisKey) === this.channel) continue;
          const raw = await this.client.get(String(redisKey));
          if (raw === null) continue;
          seen.add(key);
          if (this.mirror.get(key)?.raw !== raw) this.apply(key, raw, true);
        }
      }
      for (const key of [...this.mirror.keys()]) if (!seen.has(key)) this.apply(key, "", true);
      this.setState({ state: "shared", detail: `Redis at ${this.where}` });
    } catch (error) {
      this.degrade(error);
    }
  }

  private onMessage(text: string): void {
    let message: { from?: unknown; key?: unknown; raw?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (message.from === this.instance || typeof message.key !== "string" || typeof message.raw !== "string") return;
    if (this.mirror.get(message.key)?.raw === message.raw || (message.raw === "" && !this.mirror.has(message.key))) return;
    this.apply(message.key, message.raw, true);
  }

  /** Sets the mirror to `raw` and tells the listeners. */
  private apply(key: string, raw: string, remote: boolean): HealthStoreChange {
    const previous = this.get(key);
    const next = parse(raw);
    if (next) this.mirror.set(key, { entry: next, raw, expiresAt: this.clock() + entryTtlMs(next, this.clock()) });
    else this.mirror.delete(key);
    const change = { key, previous, next, remote };
    if (previous !== next) for (const listener of this.listeners) listener(change);
    return change;
  }

  private degrade(error: unknown): void {
    if (this.closed) return;
    const reason = error instanceof Error ? error.message : String(error);
    this.setState({ state: "degraded", detail: `Redis at ${this.where} unreachable (${reason}); serving on this instance's health memory until it is back` });
  }

  private setState(next: HealthStoreStatus): void {
    const changed = next.state !== this.state.state;
    this.state = next;
    if (changed) this.options.onStatus?.(next);
  }
}

function parse(raw: string): HealthEntry | undefined {
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw) as HealthEntry;
  } catch {
    return undefined;
  }
}

/** The URL without its password, for status lines and logs. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "redacted";
    return parsed.toString();
  } catch {
    return "redis (unparseable URL)";
  }
}
