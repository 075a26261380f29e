/**
 * Transport health memory. A fallback-worthy websocket failure opens a cool-down for
 * (provider, websocket, origin); while it lasts the selector routes straight to HTTP. When it
 * expires one half-open attempt decides: success closes the entry, failure doubles the cool-down
 * up to a cap. The store is an interface so a shared store (Redis, a database) can serve several
 * gateway instances; it is synchronous because the selector is, so a shared store keeps a local
 * mirror it updates in the background.
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
}

export interface HealthStore {
  get(key: string): HealthEntry | undefined;
  /**
   * Atomic read-modify-write of one entry: `change` gets the current entry and returns the next
   * one (undefined deletes it). The host makes every change through this, so a shared store that
   * implements it with compare-and-set keeps "one half-open probe" true across instances.
   */
  update(key: string, change: (current: HealthEntry | undefined) => HealthEntry | undefined): HealthEntry | undefined;
  entries(): HealthEntry[];
}

export function createMemoryHealthStore(): HealthStore {
  const map = new Map<string, HealthEntry>();
  return {
    get: (key) => map.get(key),
    update(key, change) {
      const next = change(map.get(key));
      if (next) map.set(key, next);
      else map.delete(key);
      return next;
    },
    entries: () => [...map.values()],
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
  return { ...entry, state, reason: `${entry.lastFailure.code}: ${entry.lastFailure.message}` };
}
