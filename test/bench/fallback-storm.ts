/**
 * fallback-storm: 200 turns while every websocket upgrade is rejected with HTTP 500 — the failure
 * in DESIGN.md. Switchyard (health memory: one failed upgrade, then HTTP for the cool-down) versus
 * a raw client with a sticky per-session fallback flag, as pi-ai has (after one websocket failure
 * in a session, HTTP for the rest of it), and, labelled as such, a naive one that tries websocket
 * on every turn. Also the median latency each adds per turn over the same client on healthy HTTP.
 *
 * Every side talks to the emulator's `openai` profile, healthy references included, so server
 * rules and costs are the same for all; the turns run one at a time, interleaved (the order
 * rotates each turn), and the emulator's upgrade counter is read around each turn, so every
 * attempt is charged to the side that made it.
 */
import type { Host, ModelSession } from "@switchyard/core";
import { consumeSession, createBenchHost, MODEL, openRawWebSocket, RawHttpClient, userMessage, type TurnOutcome } from "./clients.js";
import { startEmulatorProcess } from "./emulator-process.js";
import { median, medianNoise, now, withTimeout, type Bench, type Row } from "./harness.js";

/** When a raw client tries websocket: never, until its first failure in the session, or every turn. */
type Policy = "http" | "sticky" | "naive";

/** A raw client that tries websocket as its policy says and falls back to HTTP with the full conversation. */
class FallbackClient {
  readonly items: Array<Record<string, unknown>> = [];
  fallbacks = 0;
  #websocketFailed = false;

  constructor(
    private readonly http: RawHttpClient,
    private readonly endpoint: { baseUrl: string; websocketUrl: string },
    private readonly policy: Policy,
  ) {}

  async turn(text: string): Promise<TurnOutcome> {
    this.items.push(userMessage(text));
    const body = { model: MODEL, store: false, input: this.items };
    let outcome: TurnOutcome | undefined;
    if (this.policy === "naive" || (this.policy === "sticky" && !this.#websocketFailed)) {
      try {
        const socket = await openRawWebSocket(this.endpoint.websocketUrl);
        try {
          outcome = await socket.turn(body);
        } finally {
          await socket.close();
        }
      } catch {
        this.fallbacks++;
        this.#websocketFailed = true;
      }
    }
    outcome ??= await this.http.turn(`${this.endpoint.baseUrl}/responses`, body);
    this.items.push(...outcome.outputs);
    return outcome;
  }
}

const SIDES = ["switchyard", "switchyardHealthy", "sticky", "naive", "rawHealthy"] as const;
type Side = (typeof SIDES)[number];

export const fallbackStorm: Bench = async ({ quick }) => {
  const turns = quick ? 60 : 200;
  const emulator = await startEmulatorProcess();
  let host: Host | undefined;
  const http = new RawHttpClient();
  try {
    await emulator.setFaults([{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket" }]);
    // The default cool-down (60 s, doubling): what a user gets without tuning anything.
    host = await createBenchHost(emulator);
    const storm: ModelSession = host.session(`openai/${MODEL}`);
    const healthy: ModelSession = host.session(`openai/${MODEL}`, { transport: "http" });
    const endpoint = emulator.endpoints.openai;
    const clients = { sticky: new FallbackClient(http, endpoint, "sticky"), naive: new FallbackClient(http, endpoint, "naive"), rawHealthy: new FallbackClient(http, endpoint, "http") };
    let switchyardFallbacks = 0;
    let switchyardWebSocketTurns = 0;
    const run: Record<Side, (text: string) => Promise<TurnOutcome>> = {
      switchyard: async (text) => {
        const outcome = await consumeSession(
          (async function* () {
            for await (const event of storm.send(text)) {
              if (event.type === "transport-fallback") switchyardFallbacks++;
              yield event;
            }
          })(),
        );
        if (outcome.transport === "websocket") switchyardWebSocketTurns++;
        return outcome;
      },
      switchyardHealthy: (text) => consumeSession(healthy.send(text)),
      sticky: (text) => clients.sticky.turn(text),
      naive: (text) => clients.naive.turn(text),
      rawHealthy: (text) => clients.rawHealthy.turn(text),
    };
    const latency = Object.fromEntries(SIDES.map((side) => [side, [] as number[]])) as Record<Side, number[]>;
    const attempts = Object.fromEntries(SIDES.map((side) => [side, 0])) as Record<Side, number>;
    const upgrades = async (): Promise<number> => (await emulator.stats()).profiles.openai.websocket.upgradesAttempted;
    for (let turn = 0; turn < turns; turn++) {
      const text = `Storm turn ${turn}: tell me something.`;
      const order = [...SIDES.slice(turn % SIDES.length), ...SIDES.slice(0, turn % SIDES.length)];
      for (const side of order) {
        const before = await upgrades();
        const start = now();
        const outcome = await withTimeout(run[side](text), 30_000, `fallback-storm ${side} turn ${turn}`);
        latency[side].push(now() - start);
        attempts[side] += (await upgrades()) - before;
        if (outcome.deltas === 0) throw new Error(`fallback-storm ${side} turn ${turn}: no text`);
      }
    }
    if (switchyardWebSocketTurns > 0) throw new Error("fallback-storm: a Switchyard turn went over websocket despite the fault");
    if (attempts.switchyardHealthy + attempts.rawHealthy > 0) throw new Error("fallback-storm: a healthy-HTTP side attempted a websocket upgrade");
    const m = (side: Side): number => median(latency[side]);
    const added = { switchyard: m("switchyard") - m("switchyardHealthy"), sticky: m("sticky") - m("rawHealthy"), naive: m("naive") - m("rawHealthy") };
    const addedNoise = (peer: "sticky" | "naive"): number => medianNoise(latency.switchyard, latency.switchyardHealthy, latency[peer], latency.rawHealthy);
    const sticky = "sticky per-session flag (pi-ai)";
    const naive = "naive: try ws every turn";
    const rows: Row[] = [
      {
        metric: `websocket upgrade attempts, ${turns} turns`,
        unit: "attempts",
        better: "lower",
        switchyard: attempts.switchyard,
        baselineLabel: sticky,
        baseline: attempts.sticky,
        note: "counted by the emulator; Switchyard's cool-down also spans sessions and ends in one half-open probe",
      },
      {
        metric: "added latency per turn vs healthy HTTP",
        unit: "ms (median)",
        better: "lower",
        switchyard: added.switchyard,
        baselineLabel: sticky,
        baseline: added.sticky,
        noise: addedNoise("sticky"),
        note: "storm turn − same client's healthy HTTP turn",
      },
      {
        metric: "turn latency during the storm",
        unit: "ms (median)",
        better: "lower",
        switchyard: m("switchyard"),
        baselineLabel: sticky,
        baseline: m("sticky"),
        noise: medianNoise(latency.switchyard, latency.sticky),
      },
      {
        metric: `websocket upgrade attempts, ${turns} turns`,
        unit: "attempts",
        better: "lower",
        switchyard: attempts.switchyard,
        baselineLabel: naive,
        baseline: attempts.naive,
        note: "the client without any memory: one failed upgrade per turn",
      },
      {
        metric: "added latency per turn vs healthy HTTP",
        unit: "ms (median)",
        better: "lower",
        switchyard: added.switchyard,
        baselineLabel: naive,
        baseline: added.naive,
        noise: addedNoise("naive"),
        note: "storm turn − same client's healthy HTTP turn",
      },
      {
        metric: "turn latency, healthy HTTP",
        unit: "ms (median)",
        better: "lower",
        switchyard: m("switchyardHealthy"),
        baselineLabel: "raw undici client",
        baseline: m("rawHealthy"),
        noise: medianNoise(latency.switchyardHealthy, latency.rawHealthy),
        note: "the references the added latency is taken from; same emulator profile",
      },
    ];
    const stats = await emulator.stats();
    return {
      name: "fallback-storm",
      rows,
      details: {
        turns,
        attempts,
        fallbackEvents: { switchyard: switchyardFallbacks, sticky: clients.sticky.fallbacks, naive: clients.naive.fallbacks },
        httpRequests: stats.profiles.openai.http.requests,
        health: host.health(),
        medianMs: Object.fromEntries(SIDES.map((side) => [side, m(side)])),
        addedMs: added,
        // The turn with the failed upgrade; Switchyard's also loads the extension's code (lazy, first use).
        firstTurnMs: { switchyard: latency.switchyard[0], sticky: latency.sticky[0], naive: latency.naive[0] },
        latencyMs: latency,
      },
    };
  } finally {
    await host?.close();
    await http.close();
    await emulator.close();
  }
};
