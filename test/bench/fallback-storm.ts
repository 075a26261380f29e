/**
 * fallback-storm: 200 turns while every websocket upgrade is rejected with HTTP 500 — the failure
 * in DESIGN.md. Switchyard (health memory: one failed upgrade, then HTTP for the cool-down) versus
 * a naive client that tries websocket on every turn and falls back to HTTP each time. Also the
 * median latency each adds per turn over the same client on healthy HTTP.
 *
 * Switchyard talks to the emulator's `openai` profile and the naive client to `xai`, so the
 * emulator counts each one's upgrade attempts separately; both profiles carry the same fault and
 * serve the same model. The four kinds of turn run interleaved, turn by turn.
 */
import type { Host, ModelSession } from "@switchyard/core";
import { consumeSession, createBenchHost, MODEL, openRawWebSocket, RawHttpClient, userMessage, type TurnOutcome } from "./clients.js";
import { startEmulatorProcess } from "./emulator-process.js";
import { median, now, withTimeout, type Bench } from "./harness.js";

/** Try websocket, on failure HTTP with the full conversation — every turn. */
class NaiveClient {
  readonly items: Array<Record<string, unknown>> = [];
  attempts = 0;
  fallbacks = 0;

  constructor(
    private readonly http: RawHttpClient,
    private readonly endpoint: { baseUrl: string; websocketUrl: string },
    private readonly tryWebSocket: boolean,
  ) {}

  async turn(text: string): Promise<TurnOutcome> {
    this.items.push(userMessage(text));
    const body = { model: MODEL, store: false, input: this.items };
    let outcome: TurnOutcome | undefined;
    if (this.tryWebSocket) {
      this.attempts++;
      try {
        const socket = await openRawWebSocket(this.endpoint.websocketUrl);
        try {
          outcome = await socket.turn(body);
        } finally {
          await socket.close();
        }
      } catch {
        this.fallbacks++;
      }
    }
    outcome ??= await this.http.turn(`${this.endpoint.baseUrl}/responses`, body);
    this.items.push(...outcome.outputs);
    return outcome;
  }
}

export const fallbackStorm: Bench = async ({ quick }) => {
  const turns = quick ? 50 : 200;
  const emulator = await startEmulatorProcess();
  let host: Host | undefined;
  const http = new RawHttpClient();
  try {
    await emulator.setFaults([
      { kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket" },
      { kind: "upgrade-status", status: 500, profile: "xai", transport: "websocket" },
    ]);
    // The default cool-down (60 s, doubling): what a user gets without tuning anything.
    host = await createBenchHost(emulator);
    const storm: ModelSession = host.session(`openai/${MODEL}`);
    const healthy: ModelSession = host.session(`openai/${MODEL}`, { transport: "http" });
    const naiveStorm = new NaiveClient(http, emulator.endpoints.xai, true);
    const naiveHealthy = new NaiveClient(http, emulator.endpoints.xai, false);
    const latency = { switchyard: [] as number[], switchyardHealthy: [] as number[], naive: [] as number[], naiveHealthy: [] as number[] };
    let switchyardFallbacks = 0;
    let switchyardWebSocketTurns = 0;
    const timed = async (samples: number[], run: () => Promise<TurnOutcome>, what: string): Promise<TurnOutcome> => {
      const start = now();
      const outcome = await withTimeout(run(), 30_000, what);
      samples.push(now() - start);
      if (outcome.deltas === 0) throw new Error(`${what}: no text`);
      return outcome;
    };
    for (let turn = 0; turn < turns; turn++) {
      const text = `Storm turn ${turn}: tell me something.`;
      const order = turn % 2 === 0 ? ["switchyard", "naive"] : ["naive", "switchyard"];
      for (const side of order) {
        if (side === "switchyard") {
          const outcome = await timed(
            latency.switchyard,
            () =>
              consumeSession(
                (async function* () {
                  for await (const event of storm.send(text)) {
                    if (event.type === "transport-fallback") switchyardFallbacks++;
                    yield event;
                  }
                })(),
              ),
            `fallback-storm switchyard turn ${turn}`,
          );
          if (outcome.transport === "websocket") switchyardWebSocketTurns++;
          await timed(latency.switchyardHealthy, () => consumeSession(healthy.send(text)), `fallback-storm switchyard healthy turn ${turn}`);
        } else {
          await timed(latency.naive, () => naiveStorm.turn(text), `fallback-storm naive turn ${turn}`);
          await timed(latency.naiveHealthy, () => naiveHealthy.turn(text), `fallback-storm naive healthy turn ${turn}`);
        }
      }
    }
    const stats = await emulator.stats();
    const attempts = { switchyard: stats.profiles.openai.websocket.upgradesAttempted, naive: stats.profiles.xai.websocket.upgradesAttempted };
    if (switchyardWebSocketTurns > 0) throw new Error("fallback-storm: a Switchyard turn went over websocket despite the fault");
    const added = {
      switchyard: median(latency.switchyard) - median(latency.switchyardHealthy),
      naive: median(latency.naive) - median(latency.naiveHealthy),
    };
    return {
      name: "fallback-storm",
      rows: [
        {
          metric: `websocket upgrade attempts, ${turns} turns`,
          unit: "attempts",
          better: "lower",
          switchyard: attempts.switchyard,
          baselineLabel: "naive: try ws every turn",
          baseline: attempts.naive,
          note: "counted by the emulator",
        },
        {
          metric: "added latency per turn vs healthy HTTP",
          unit: "ms (median)",
          better: "lower",
          switchyard: added.switchyard,
          baselineLabel: "naive: try ws every turn",
          baseline: added.naive,
          note: "storm turn − same client's healthy HTTP turn",
        },
        {
          metric: "turn latency during the storm",
          unit: "ms (median)",
          better: "lower",
          switchyard: median(latency.switchyard),
          baselineLabel: "naive: try ws every turn",
          baseline: median(latency.naive),
        },
        {
          metric: "turn latency, healthy HTTP",
          unit: "ms (median)",
          better: "lower",
          switchyard: median(latency.switchyardHealthy),
          baselineLabel: "raw undici client",
          baseline: median(latency.naiveHealthy),
          note: "the reference the added latency is taken from",
        },
      ],
      details: {
        turns,
        attempts,
        fallbackEvents: { switchyard: switchyardFallbacks, naive: naiveStorm.fallbacks },
        naiveAttempts: naiveStorm.attempts,
        httpRequests: { openai: stats.profiles.openai.http.requests, xai: stats.profiles.xai.http.requests },
        health: host.health(),
        medianMs: {
          switchyard: median(latency.switchyard),
          switchyardHealthy: median(latency.switchyardHealthy),
          naive: median(latency.naive),
          naiveHealthy: median(latency.naiveHealthy),
        },
        firstTurnMs: { switchyard: latency.switchyard[0], naive: latency.naive[0] },
        latencyMs: latency,
      },
    };
  } finally {
    await host?.close();
    await http.close();
    await emulator.close();
  }
};
