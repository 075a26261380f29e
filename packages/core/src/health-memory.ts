import { healthKey, recordFailure, type HealthEntry, type HealthFailure, type HealthStore } from "./health.js";
import type { HostHooks } from "./hooks.js";

/** The host's side of health memory: store updates that report on the healthChange hook. */
export class HealthMemory {
  constructor(
    readonly store: HealthStore,
    private readonly hooks: HostHooks,
    private readonly clock: () => number,
  ) {}

  entries(): HealthEntry[] {
    return this.store.entries();
  }

  /** Marks the one half-open attempt as under way, so concurrent requests keep using HTTP. */
  beginProbe(key: string): void {
    const entry = this.store.get(key);
    if (!entry) return;
    this.change(entry, { ...entry, state: "half-open", probeStartedAt: this.clock() });
  }

  /** A fallback-worthy websocket failure: open the cool-down, or double it on repeat. */
  fail(facts: { provider: string; origin: string; failure: Omit<HealthFailure, "at">; cooldownMs: number; maxCooldownMs: number }): HealthEntry {
    const key = healthKey(facts.provider, facts.origin);
    const previous = this.store.get(key);
    const next = recordFailure(previous, { ...facts, key, failure: { ...facts.failure, at: this.clock() } });
    this.change(previous, next);
    return next;
  }

  /** The websocket worked: close the entry. */
  succeed(key: string | undefined): void {
    if (key === undefined) return;
    const previous = this.store.get(key);
    if (previous) this.change(previous, undefined);
  }

  private change(previous: HealthEntry | undefined, next: HealthEntry | undefined): void {
    const entry = (next ?? previous) as HealthEntry;
    if (next) this.store.set(next);
    else this.store.delete(entry.key);
    if (this.hooks.healthChange.isUsed()) {
      this.hooks.healthChange.call({
        key: entry.key,
        provider: entry.provider,
        origin: entry.origin,
        from: previous?.state ?? "healthy",
        to: next?.state ?? "healthy",
        entry: next,
      });
    }
  }
}
