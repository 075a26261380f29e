import { healthKey, PROBE_STALE_MS, recordFailure, reportHealth, type HealthEntry, type HealthFailure, type HealthReport, type HealthStore } from "./health.js";
import { notify, type HostHooks } from "./hooks.js";

/** The one half-open attempt, held by the turn that claimed it until it settles. */
export interface ProbeTicket {
  readonly key: string;
  /** The websocket worked: close the entry. */
  succeed(): void;
  /** Ends the claim without a verdict (abort, a request error): the next request may probe. */
  release(): void;
}

/** The host's side of health memory: atomic store updates that report on the healthChange hook. */
export class HealthMemory {
  constructor(
    readonly store: HealthStore,
    private readonly hooks: HostHooks,
    private readonly clock: () => number,
  ) {}

  report(): HealthReport[] {
    const now = this.clock();
    return this.store.entries().map((entry) => reportHealth(entry, now));
  }

  /**
   * Claims the half-open probe for `key`, in the same tick the selector chose it. Returns undefined
   * when another turn (or gateway instance) holds it: that request must use HTTP.
   */
  claimProbe(key: string): ProbeTicket | undefined {
    const now = this.clock();
    let claimed = false;
    this.change(key, (current) => {
      const free = current && now >= current.until && (current.probeStartedAt === undefined || now - current.probeStartedAt >= PROBE_STALE_MS);
      if (!current || !free) return current;
      claimed = true;
      return { ...current, state: "half-open", probeStartedAt: now };
    });
    if (!claimed) return undefined;
    let settled = false;
    return {
      key,
      succeed: () => {
        if (settled) return;
        settled = true;
        this.change(key, () => undefined);
      },
      release: () => {
        if (settled) return;
        settled = true;
        this.change(key, (current) => {
          if (!current || current.probeStartedAt !== now) return current;
          const { probeStartedAt: _released, ...rest } = current;
          return { ...rest, state: "cooling-down" };
        });
      },
    };
  }

  /** A fallback-worthy websocket failure: open the cool-down, or double it after a failed probe. */
  fail(facts: { provider: string; origin: string; failure: Omit<HealthFailure, "at">; cooldownMs: number; maxCooldownMs: number; probe: ProbeTicket | undefined }): HealthEntry {
    const key = healthKey(facts.provider, facts.origin);
    const failure = { ...facts.failure, at: this.clock() };
    return this.change(key, (previous) => recordFailure(previous, { ...facts, key, failure, probe: facts.probe !== undefined })) as HealthEntry;
  }

  /** A websocket turn forced by policy worked: whatever was remembered no longer holds. */
  clear(key: string): void {
    this.change(key, () => undefined);
  }

  private change(key: string, update: (current: HealthEntry | undefined) => HealthEntry | undefined): HealthEntry | undefined {
    let previous: HealthEntry | undefined;
    const next = this.store.update(key, (current) => {
      previous = current;
      return update(current);
    });
    if (previous === next || !this.hooks.healthChange.isUsed()) return next;
    const from = previous?.state ?? "healthy";
    const to = next?.state ?? "healthy";
    const entry = (next ?? previous) as HealthEntry;
    notify(() => this.hooks.healthChange.call({ key, provider: entry.provider, origin: entry.origin, from, to, entry: next }));
    return next;
  }
}
