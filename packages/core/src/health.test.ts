import { describe, expect, it } from "vitest";
import { createMemoryHealthStore, recordFailure, viewHealth, PROBE_STALE_MS } from "./health.js";
import { HealthMemory } from "./health-memory.js";
import { createHostHooks } from "./hooks.js";

const facts = (at: number) => ({
  key: "p|websocket|https://o",
  provider: "p",
  origin: "https://o",
  failure: { code: "X", message: "m", at },
  cooldownMs: 1_000,
  maxCooldownMs: 5_000,
  probe: false,
});

describe("health memory", () => {
  it("doubles the cool-down on each failure after the last one ended, up to the cap, keeping the first failure time", () => {
    let entry = recordFailure(undefined, facts(0));
    const lengths = [entry.cooldownMs];
    for (let i = 1; i < 6; i++) {
      entry = recordFailure(entry, facts(i * 10_000));
      lengths.push(entry.cooldownMs);
    }
    expect(lengths).toEqual([1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    expect(entry).toMatchObject({ since: 0, failures: 6, until: 50_000 + 5_000, state: "cooling-down" });
  });

  it("counts a burst of failures during an open cool-down as one, but doubles on a failed probe", () => {
    const first = recordFailure(undefined, facts(0));
    const burst = recordFailure(recordFailure(first, facts(10)), facts(20));
    expect(burst).toMatchObject({ failures: 1, cooldownMs: 1_000, until: 1_000, lastFailure: { at: 20 } });
    const probeFailed = recordFailure(burst, { ...facts(1_000), probe: true });
    expect(probeFailed).toMatchObject({ failures: 2, cooldownMs: 2_000, until: 3_000 });
  });

  it("views an entry as cooling down, probe due, probe in flight, and probe due again when the probe went stale", () => {
    const entry = recordFailure(undefined, facts(0));
    expect(viewHealth(entry, 999).state).toBe("cooling-down");
    expect(viewHealth(entry, 1_000).state).toBe("probe-due");
    const probing = { ...entry, state: "half-open" as const, probeStartedAt: 1_000 };
    expect(viewHealth(probing, 1_500).state).toBe("probe-in-flight");
    expect(viewHealth(probing, 1_000 + PROBE_STALE_MS).state).toBe("probe-due");
    expect(viewHealth(undefined, 0).state).toBe("healthy");
  });
});

describe("the half-open probe claim", () => {
  it("goes to one of two instances sharing a store even when both claim in the same millisecond, and only its holder releases it", async () => {
    const store = createMemoryHealthStore();
    const clock = () => 5_000;
    const [first, second] = [new HealthMemory(store, createHostHooks(), clock), new HealthMemory(store, createHostHooks(), clock)];
    const entry = recordFailure(undefined, facts(0));
    await store.update(entry.key, () => entry);
    const tickets = await Promise.all([first.claimProbe(entry.key), second.claimProbe(entry.key)]);
    expect(tickets.filter((ticket) => ticket !== undefined)).toHaveLength(1);
    const loser = tickets[0] === undefined ? first : second;
    expect(await loser.claimProbe(entry.key)).toBeUndefined();
    await tickets.find((ticket) => ticket !== undefined)?.release();
    expect(store.get(entry.key)).toMatchObject({ state: "cooling-down" });
    expect(store.get(entry.key)).not.toHaveProperty("probeStartedAt");
    expect(first.report()[0]).not.toHaveProperty("probeToken");
  });
});
