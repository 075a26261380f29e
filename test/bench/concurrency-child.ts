/**
 * One concurrency sample in a fresh client process (so peak RSS is this client's alone), forked
 * by concurrency.ts: runs of N sessions at once, each running T turns in sequence, through
 * Switchyard or the raw baseline, over websocket or HTTP.
 */
import type { Host } from "@switchyard/core";
import type { Emulator } from "@switchyard/emulator";
import { consumeBatches, consumeSession, createBenchHost, MODEL, openRawWebSocket, RawHttpClient, userMessage, type RawWebSocket, type TurnOutcome } from "./clients.js";
import { now, sampleRss } from "./harness.js";

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

/**
 * What one client process measured: its first run (cold: the JIT compiles the turn path while it
 * runs, as in the first second of a fresh process) and, after `warmups` more runs, `measured` runs
 * in steady state (what a long-running runtime or gateway sustains), summed into one: a 1000-turn
 * run takes ~0.2 s, short enough for one scavenge or scheduler hiccup to move it by 20 %. Each run
 * builds its own clients and closes them, so no run reuses another's pooled connections.
 */
export interface ConcurrencySample {
  client: "switchyard" | "raw";
  transport: "websocket" | "http";
  cold: ConcurrencyRun;
  /** The measured runs as one (turns, errors and ms summed, the highest peak RSS); Switchyard consuming with `send()`, an event at a time. */
  steady: ConcurrencyRun;
  /** Switchyard only: the same, consuming with `sendBatches()` (its runs alternate with `steady`'s; raw has one way to consume, so all its runs are `steady`). */
  steadyBatches: ConcurrencyRun | undefined;
  warmups: number;
  measured: number;
  /** RSS before the first run started (bytes). */
  rssBefore: number;
}

async function main(): Promise<void> {
  const [client, transport, sessionsText, turnsText, warmupsText, measuredText, endpointsJson] = process.argv.slice(2) as [
    "switchyard" | "raw",
    "websocket" | "http",
    string,
    string,
    string,
    string,
    string,
  ];
  const sessions = Number(sessionsText);
  const turns = Number(turnsText);
  const warmups = Number(warmupsText);
  const measured = Number(measuredText);
  const endpoints = JSON.parse(endpointsJson) as Emulator["endpoints"];
  const rssBefore = process.memoryUsage.rss();
  const run = (api: "events" | "batches") => runOnce(client, transport, sessions, turns, endpoints, api);
  const cold = await run("events");
  // Both sides run the same number of runs, so both are as warm: the raw client has one way to
  // consume, and its runs in the batch API's slots count towards its steady state.
  for (let round = 0; round < warmups; round++) {
    await run("events");
    await run("batches");
  }
  const runs: ConcurrencyRun[] = [];
  const batchRuns: ConcurrencyRun[] = [];
  for (let round = 0; round < measured; round++) {
    runs.push(await run("events"));
    (client === "switchyard" ? batchRuns : runs).push(await run("batches"));
  }
  const steadyBatches = batchRuns.length > 0 ? summed(batchRuns) : undefined;
  const sample: ConcurrencySample = { client, transport, cold, steady: summed(runs), steadyBatches, warmups, measured, rssBefore };
  process.send?.(sample);
}

function summed(runs: readonly ConcurrencyRun[]): ConcurrencyRun {
  const turns = runs.reduce((sum, run) => sum + run.turns, 0);
  const ms = runs.reduce((sum, run) => sum + run.ms, 0);
  return {
    turns,
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    firstError: runs.find((run) => run.firstError !== undefined)?.firstError,
    ms,
    turnsPerSecond: turns / (ms / 1000),
    rssPeak: Math.max(...runs.map((run) => run.rssPeak)),
  };
}

async function runOnce(
  client: "switchyard" | "raw",
  transport: "websocket" | "http",
  sessions: number,
  turns: number,
  endpoints: Emulator["endpoints"],
  api: "events" | "batches",
): Promise<ConcurrencyRun> {
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

  if (client === "switchyard") host = await createBenchHost({ endpoints }, { openai: { transport } });
  else if (transport === "http") http = new RawHttpClient();
  const rss = sampleRss(10);
  const start = now();
  await Promise.all(
    Array.from({ length: sessions }, async (_, index) => {
      if (host) {
        const session = host.session(`openai/${MODEL}`);
        return conversation(index, async (text) => {
          const outcome = await (api === "batches" ? consumeBatches(session.sendBatches(text)) : consumeSession(session.send(text)));
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
