/**
 * A concurrency child, forked by concurrency.ts: runs of N sessions at once, each running T turns
 * in sequence, over websocket or HTTP. Two kinds of process:
 *   cold:   one run of one client in a fresh process (its peak RSS is that client's alone; the
 *           JIT compiles the turn path while it runs, as in the first second of a new process)
 *   steady: every side in one process, run after run, in a balanced order: Switchyard with
 *           `send()`, with `sendBatches()`, and the raw baseline. After warm-up rounds, what a
 *           long-running runtime or gateway sustains; in one process, every side meets the same
 *           machine (a shared VM's noise moved separate processes' figures by 10-20 %).
 * Each run builds its own clients and closes them, so no run reuses another's connections.
 */
import type { Host } from "@switchyard/core";
import type { Emulator } from "@switchyard/emulator";
import { consumeBatches, consumeSession, createBenchHost, MODEL, openRawWebSocket, RawHttpClient, userMessage, type RawWebSocket, type TurnOutcome } from "./clients.js";
import { balancedOrders, median, now, sampleRss } from "./harness.js";

/** One run of N sessions × T turns, on fresh clients (a fresh host, fresh raw sockets or agent). */
export interface ConcurrencyRun {
  turns: number;
  errors: number;
  firstError: string | undefined;
  ms: number;
  turnsPerSecond: number;
  /** Peak RSS while this run's sessions ran (bytes). */
  rssPeak: number;
}

/** Who runs: Switchyard consuming one event at a time or a batch at a time, or the raw client. */
export type ConcurrencySide = "events" | "batches" | "raw";
export const SIDES: readonly ConcurrencySide[] = ["events", "batches", "raw"];

export interface ColdSample {
  kind: "cold";
  side: ConcurrencySide;
  transport: "websocket" | "http";
  run: ConcurrencyRun;
}

export interface SteadySample {
  kind: "steady";
  transport: "websocket" | "http";
  warmupRounds: number;
  sides: Record<ConcurrencySide, SteadyRuns>;
}

/** A side's measured runs: `ms` and `turnsPerSecond` are the median run's, the rest over all of them. */
export interface SteadyRuns extends ConcurrencyRun {
  /** Every measured run's time, in the order run. */
  runMs: number[];
}

async function main(): Promise<void> {
  const [kind, sideText, transport, sessionsText, turnsText, warmupText, roundsText, endpointsJson] = process.argv.slice(2) as [
    "cold" | "steady",
    ConcurrencySide | "all",
    "websocket" | "http",
    string,
    string,
    string,
    string,
    string,
  ];
  const sessions = Number(sessionsText);
  const turns = Number(turnsText);
  const endpoints = JSON.parse(endpointsJson) as Emulator["endpoints"];
  const run = (side: ConcurrencySide) => runOnce(side, transport, sessions, turns, endpoints);
  if (kind === "cold") {
    const sample: ColdSample = { kind, side: sideText as ConcurrencySide, transport, run: await run(sideText as ConcurrencySide) };
    process.send?.(sample);
    return;
  }
  const warmupRounds = Number(warmupText);
  const rounds = Number(roundsText);
  const orders = balancedOrders(SIDES.length);
  const measured: Record<ConcurrencySide, ConcurrencyRun[]> = { events: [], batches: [], raw: [] };
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (const index of orders[round % orders.length] as number[]) {
      const side = SIDES[index] as ConcurrencySide;
      const result = await run(side);
      if (round >= warmupRounds) measured[side].push(result);
    }
  }
  const sample: SteadySample = {
    kind,
    transport,
    warmupRounds,
    sides: { events: summarized(measured.events), batches: summarized(measured.batches), raw: summarized(measured.raw) },
  };
  process.send?.(sample);
}

/**
 * One side's measured runs as one: turns and errors summed, the median run's time and rate. The
 * median, not the total: on a shared VM a few runs in twenty take half as long again, and a sum
 * lets those few decide.
 */
function summarized(runs: readonly ConcurrencyRun[]): SteadyRuns {
  const rates = runs.map((run) => run.turnsPerSecond);
  return {
    turns: runs.reduce((sum, run) => sum + run.turns, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    firstError: runs.find((run) => run.firstError !== undefined)?.firstError,
    ms: median(runs.map((run) => run.ms)),
    turnsPerSecond: median(rates),
    rssPeak: Math.max(...runs.map((run) => run.rssPeak)),
    runMs: runs.map((run) => run.ms),
  };
}

async function runOnce(side: ConcurrencySide, transport: "websocket" | "http", sessions: number, turns: number, endpoints: Emulator["endpoints"]): Promise<ConcurrencyRun> {
  const endpoint = endpoints.openai;
  let host: Host | undefined;
  let http: RawHttpClient | undefined;
  const sockets: RawWebSocket[] = [];
  let errors = 0;
  let completed = 0;
  let firstError: string | undefined;

  const conversation = async (index: number, turn: (text: string) => Promise<TurnOutcome>): Promise<void> => {
    for (let step = 0; step < turns; step++) {
      try {
        const outcome = await turn(`Session ${index} turn ${step}: hello.`);
        if (outcome.deltas === 0) throw new Error("no text");
        completed++;
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };

  if (side !== "raw") host = await createBenchHost({ endpoints }, { openai: { transport } });
  else if (transport === "http") http = new RawHttpClient();
  const rss = sampleRss(10);
  const start = now();
  await Promise.all(
    Array.from({ length: sessions }, async (_, index) => {
      if (host) {
        const session = host.session(`openai/${MODEL}`);
        return conversation(index, async (text) => {
          const outcome = await (side === "batches" ? consumeBatches(session.sendBatches(text)) : consumeSession(session.send(text)));
          if (outcome.transport !== transport) throw new Error(`went over ${outcome.transport}`);
          return outcome;
        });
      }
      if (http) {
        // Full resend with store: false, as Switchyard does over HTTP.
        const items: Array<Record<string, unknown>> = [];
        return conversation(index, async (text) => {
          items.push(userMessage(text));
          const outcome = await (http as RawHttpClient).turn(`${endpoint.baseUrl}/responses`, { model: MODEL, store: false, input: items });
          items.push(...outcome.outputs);
          return outcome;
        });
      }
      // One connection per conversation; previous_response_id + the new item, as Switchyard does.
      let socket: RawWebSocket;
      try {
        socket = await openRawWebSocket(endpoint.websocketUrl);
      } catch (error) {
        errors += turns;
        firstError ??= error instanceof Error ? error.message : String(error);
        return;
      }
      sockets.push(socket);
      let previous: string | undefined;
      return conversation(index, async (text) => {
        const body: Record<string, unknown> = { model: MODEL, store: false, input: [userMessage(text)] };
        if (previous) body.previous_response_id = previous;
        const outcome = await socket.turn(body);
        previous = outcome.responseId;
        return outcome;
      });
    }),
  );
  const ms = now() - start;
  const rssPeak = rss.stop();
  await host?.close();
  await http?.close();
  await Promise.all(sockets.map((socket) => socket.close()));
  return { turns: completed, errors, firstError, ms, turnsPerSecond: completed / (ms / 1000), rssPeak };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
