/**
 * Transport health memory. A fallback-worthy websocket failure opens a cool-down for
 * (provider, websocket, origin); while it lasts the selector routes straight to HTTP. When it
 * expires one half-open attempt decides: success closes the entry, failure doubles the cool-down
 * up to a cap. The store is an interface so a shared store (Redis, a database) can serve several
 * gateway instances. Reads are synchronous because the selector is (a shared store answers them
 * from a local mirror); writes are asynchronous, atomic, and observable by every instance.
 */

export interface HealthFailure {
  code: string;
  message: string;
  at: number;
}

export interface HealthEntry {
  key: string;
  provider: string;
  transport: "websocket";
  origin: string;
  state: "cooling-down" | "half-open";
  /** When the first failure of this run of failures happened. */
  since: number;
  /** When the current cool-down ends (epoch ms). */
  until: number;
  failures: number;
  cooldownMs: number;
  lastFailure: HealthFailure;
  /** Set while the one half-open probe is under way. */
  probeStartedAt?: number;
  /** Which claim holds the probe: instances sharing a store may claim within the same millisecond. */
  probeToken?: string;
}

/** One change of one entry, as every subscriber of a store sees it. */
export interface HealthStoreChange {
  key: string;
  previous: HealthEntry | undefined;
  next: HealthEntry | undefined;
  /** True when another instance made the change (a shared store's pub/sub). */
  remote: boolean;
}

/** Whether a store's writes reach what it shares; the in-memory store is always "local". */
export interface HealthStoreStatus {
  state: "local" | "shared" | "degraded";
  /** A sentence for /readyz and logs (no secrets: URLs without userinfo). */
  detail: string;
}

export interface HealthStore {
  /** The entry as this instance sees it now (a shared store's local mirror); read by the selector. */
  get(key: string): HealthEntry | undefined;
  /**
   * Atomic read-modify-write of one entry: `change` gets the current entry and returns the next
   * one (undefined deletes it). A shared store runs it as a compare-and-set and calls `change`
   * again on a conflict, so `change` must be a pure function of its argument. That keeps "one
   * half-open probe" true across instances. Never rejects: a shared store that cannot reach its
   * server applies the change to its mirror, reports "degraded" in status(), and resynchronises.
   */
  update(key: string, change: (current: HealthEntry | undefined) => HealthEntry | undefined): Promise<HealthStoreChange>;
  /** Every entry as this instance sees it now. */
  entries(): HealthEntry[];
  /** Calls `listener` after each change, this instance's or another's. Returns the unsubscribe. */
  subscribe(listener: (change: HealthStoreChange) => void): () => void;
  status(): HealthStoreStatus;
  /** Releases connections (a shared store); the host does not call it: the store's owner does. */
  close?(): Promise<void>;
}

/** The default store: this process only. */
export function createMemoryHealthStore(): HealthStore {
  const map = new Map<string, HealthEntry>();
  const listeners = new Set<(change: HealthStoreChange) => void>();
  return {
    get: (key) => map.get(key),
    async update(key, change) {
      const previous = map.get(key);
      const next = change(previous);
      if (next) map.set(key, next);
      else map.delete(key);
      const result = { key, previous, next, remote: false };
      if (previous !== next) for (const listener of listeners) listener(result);
      return result;
    },
    entries: () => [...map.values()],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status: () => ({ state: "local", detail: "in-memory health store (this process only)" }),
  };
}

export const DEFAULT_COOLDOWN_MS = 60_000;
export const DEFAULT_MAX_COOLDOWN_MS = 15 * 60_000;
/**
 * A probe that has not reported back after this long no longer blocks a new one. Probes settle in
 * a `finally`, so this only matters when the process holding one died (a shared store).
 */
export const PROBE_STALE_MS = 10 * 60_000;

export function healthKey(provider: string, origin: string): string {
  return `${provider}|websocket|${origin}`;
}

/** What the selector may consult: the entry's view at `now`. */
export type HealthView =
  | { state: "healthy" }
  | { state: "cooling-down"; entry: HealthEntry }
  | { state: "probe-due"; entry: HealthEntry }
  | { state: "probe-in-flight"; entry: HealthEntry };

export function viewHealth(entry: HealthEntry | undefined, now: number): HealthView {
  if (!entry) return { state: "healthy" };
  if (now < entry.until) return { state: "cooling-down", entry };
  if (entry.probeStartedAt !== undefined && now - entry.probeStartedAt < PROBE_STALE_MS) return { state: "probe-in-flight", entry };
  return { state: "probe-due", entry };
}

/**
 * The entry after a failure. A first failure opens the cool-down; a failed half-open probe, or a
 * failure after the cool-down ended, doubles it (up to the cap). A failure while the cool-down is
 * still open (turns that started before it opened) only updates the last failure: one outage hit
 * by many turns at once is still one failure.
 */
export function recordFailure(
  previous: HealthEntry | undefined,
  facts: { key: string; provider: string; origin: string; failure: HealthFailure; cooldownMs: number; maxCooldownMs: number; probe: boolean },
): HealthEntry {
  const at = facts.failure.at;
  if (previous && !facts.probe && at < previous.until) return { ...previous, lastFailure: facts.failure };
  const failures = (previous?.failures ?? 0) + 1;
  const cooldownMs = Math.min(facts.cooldownMs * 2 ** (failures - 1), Math.max(facts.maxCooldownMs, facts.cooldownMs));
  return {
    key: facts.key,
    provider: facts.provider,
    transport: "websocket",
    origin: facts.origin,
    state: "cooling-down",
    since: previous?.since ?? at,
    until: at + cooldownMs,
    failures,
    cooldownMs,
    lastFailure: facts.failure,
  };
}

/** An entry as `host.health()` reports it: its state as of now, and why it exists. */
export interface HealthReport extends Omit<HealthEntry, "state"> {
  state: "cooling-down" | "probe-due" | "half-open";
  reason: string;
}

export function reportHealth(entry: HealthEntry, now: number): HealthReport {
  const view = viewHealth(entry, now).state;
  const state = view === "cooling-down" ? "cooling-down" : view === "probe-in-flight" ? "half-open" : "probe-due";
  const { probeToken: _token, ...shown } = entry;
  return { ...shown, state, reason: `${entry.lastFailure.code}: ${entry.lastFailure.message}` };
}
