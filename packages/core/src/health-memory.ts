import { randomUUID } from "node:crypto";
import { healthKey, PROBE_STALE_MS, recordFailure, reportHealth, type HealthEntry, type HealthFailure, type HealthReport, type HealthStore, type HealthStoreChange } from "./health.js";
import { notify, type HostHooks } from "./hooks.js";

/** The one half-open attempt, held by the turn that claimed it until it settles. */
export interface ProbeTicket {
  readonly key: string;
  /** The websocket worked: close the entry. */
  succeed(): Promise<void>;
  /** Ends the claim without a verdict (abort, a request error): the next request may probe. */
  release(): Promise<void>;
}

/**
 * The host's side of health memory: atomic store updates, and the healthChange hook fired for
 * every change the store reports (this instance's or, with a shared store, another's).
 */
export class HealthMemory {
  private readonly unsubscribe: () => void;

  constructor(
    readonly store: HealthStore,
    private readonly hooks: HostHooks,
    private readonly clock: () => number,
  ) {
    this.unsubscribe = store.subscribe((change) => this.announce(change));
  }

  report(): HealthReport[] {
    const now = this.clock();
    return this.store.entries().map((entry) => reportHealth(entry, now));
  }

  /**
   * Claims the half-open probe for `key`, right after the selector chose it. Resolves undefined
   * when another turn (or gateway instance) holds it: that request must use HTTP.
   */
  async claimProbe(key: string): Promise<ProbeTicket | undefined> {
    const now = this.clock();
    const token = randomUUID();
    // The claim is ours when the entry the store committed carries our token. (A timestamp cannot
    // say this: two instances can claim within one millisecond.)
    const { next } = await this.store.update(key, (current) => {
      const free = current && now >= current.until && (current.probeStartedAt === undefined || now - current.probeStartedAt >= PROBE_STALE_MS);
      if (!current || !free) return current;
      return { ...current, state: "half-open", probeStartedAt: now, probeToken: token };
    });
    if (next?.probeToken !== token) return undefined;
    let settled = false;
    return {
      key,
      succeed: async () => {
        if (settled) return;
        settled = true;
        await this.store.update(key, () => undefined);
      },
      release: async () => {
        if (settled) return;
        settled = true;
        await this.store.update(key, (current) => {
          if (!current || current.probeToken !== token) return current;
          const { probeStartedAt: _released, probeToken: _token, ...rest } = current;
          return { ...rest, state: "cooling-down" };
        });
      },
    };
  }

  /** A fallback-worthy websocket failure: open the cool-down, or double it after a failed probe. */
  async fail(facts: { provider: string; origin: string; failure: Omit<HealthFailure, "at">; cooldownMs: number; maxCooldownMs: number; probe: ProbeTicket | undefined }): Promise<HealthEntry> {
    const key = healthKey(facts.provider, facts.origin);
    const failure = { ...facts.failure, at: this.clock() };
    const { next } = await this.store.update(key, (previous) => recordFailure(previous, { ...facts, key, failure, probe: facts.probe !== undefined }));
    return next as HealthEntry;
  }

  /** A websocket turn forced by policy worked: whatever was remembered no longer holds. */
  async clear(key: string): Promise<void> {
    if (this.store.get(key)) await this.store.update(key, () => undefined);
  }

  /** Stops listening to the store (the host is closing). */
  detach(): void {
    this.unsubscribe();
  }

  private announce({ key, previous, next }: HealthStoreChange): void {
    if (previous === next || !this.hooks.healthChange.isUsed()) return;
    const from = previous?.state ?? "healthy";
    const to = next?.state ?? "healthy";
    const entry = (next ?? previous) as HealthEntry;
    notify(() => this.hooks.healthChange.call({ key, provider: entry.provider, origin: entry.origin, from, to, entry: next }));
  }
}
