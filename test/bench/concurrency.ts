/**
 * concurrency: 200 sessions at once × 5 turns each, over websocket and over HTTP, through
 * Switchyard versus the raw baseline clients. Errors must be 0; turns per second in steady state
 * (after warm-up runs, as a long-running runtime or gateway sees it) and in a fresh process's
 * first run (cold: the JIT compiles while it runs); the client process's peak RSS. Each sample is
 * a fresh client process, so one sample's heap cannot inflate another's peak; each run in it uses
 * clients of its own, so no run reuses another's connections. The emulator runs in its own
 * process throughout.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ConcurrencySample } from "./concurrency-child.js";
import { startEmulatorProcess, type EmulatorProcess } from "./emulator-process.js";
import { interleave, median, withTimeout, type Bench, type Row } from "./harness.js";

const childFile = fileURLToPath(new URL("./concurrency-child.js", import.meta.url));

function sample(
  emulator: EmulatorProcess,
  client: "switchyard" | "raw",
  transport: "websocket" | "http",
  sessions: number,
  turns: number,
  runs: { warmups: number; measured: number },
): Promise<ConcurrencySample> {
  const args = [client, transport, String(sessions), String(turns), String(runs.warmups), String(runs.measured), JSON.stringify(emulator.endpoints)];
  const child = fork(childFile, args, {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return withTimeout(
    new Promise<ConcurrencySample>((resolve, reject) => {
      let result: ConcurrencySample | undefined;
      child.once("message", (message) => (result = message as ConcurrencySample));
      child.once("exit", (code) => (result ? resolve(result) : reject(new Error(`concurrency child (${client}, ${transport}) exited with ${code}`))));
    }),
    120_000,
    `concurrency child (${client}, ${transport})`,
  ).finally(() => {
    if (child.exitCode === null) child.kill();
  });
}

/** Per client process: runs after the cold one before measuring, and measured runs (each on clients of its own). */
const RUNS = { warmups: 2, measured: 5 };

export const concurrency: Bench = async ({ quick }) => {
  const sessions = 200;
  const turns = 5;
  // Each client process warms itself up: no warm-up sample is needed.
  const counts = quick ? { warmup: 0, rounds: 1 } : { warmup: 0, rounds: 3 };
  const runs = quick ? { warmups: 1, measured: 2 } : RUNS;
  const emulator = await startEmulatorProcess();
  try {
    const rows: Row[] = [];
    const details: Record<string, unknown> = { sessions, turns, runsPerProcess: runs, ...counts };
    for (const transport of ["websocket", "http"] as const) {
      const all: Record<"switchyard" | "baseline", ConcurrencySample[]> = { switchyard: [], baseline: [] };
      const run = async (side: "switchyard" | "baseline"): Promise<number> => {
        const result = await sample(emulator, side === "switchyard" ? "switchyard" : "raw", transport, sessions, turns, runs);
        all[side].push(result);
        return result.steady.turnsPerSecond;
      };
      await interleave({ switchyard: () => run("switchyard"), baseline: () => run("baseline") }, counts);
      const recorded = { switchyard: all.switchyard.slice(-counts.rounds), baseline: all.baseline.slice(-counts.rounds) };
      const runsOf = (side: "switchyard" | "baseline") => recorded[side].flatMap((result) => [result.cold, result.steady]);
      const errors = (side: "switchyard" | "baseline") => runsOf(side).reduce((sum, result) => sum + result.errors, 0);
      const pick = (side: "switchyard" | "baseline", of: (result: ConcurrencySample) => number) => median(recorded[side].map(of));
      const baselineLabel = transport === "http" ? "raw undici client (same pool size)" : "raw ws client, 1 socket/session";
      const label = transport === "http" ? "HTTP" : "websocket";
      rows.push(
        {
          metric: `${label}: errors in ${sessions}×${turns} turns`,
          unit: "errors",
          better: "lower",
          switchyard: errors("switchyard"),
          baselineLabel,
          baseline: errors("baseline"),
          note: `summed over the cold and steady runs of ${counts.rounds} round(s); must be 0`,
        },
        {
          metric: `${label}: throughput, steady state, batch API`,
          unit: "turns/s",
          better: "higher",
          switchyard: pick("switchyard", (result) => result.steadyBatches?.turnsPerSecond ?? Number.NaN),
          baselineLabel,
          baseline: pick("baseline", (result) => result.steady.turnsPerSecond),
          note: `the per-turn goal (≥ 0.9×): \`sendBatches()\`, so per-event delivery (its own goal in the stream rows) is not counted twice; ${runs.measured} runs of ${sessions}×${turns} after ${runs.warmups + 1}, in the same process, each on fresh clients`,
        },
        {
          metric: `${label}: throughput, steady state, per-event API`,
          unit: "turns/s",
          better: "higher",
          switchyard: pick("switchyard", (result) => result.steady.turnsPerSecond),
          baselineLabel,
          baseline: pick("baseline", (result) => result.steady.turnsPerSecond),
          note: "`send()`, one event at a time (7 events a turn here), in runs alternating with the batch API's",
        },
        {
          metric: `${label}: throughput, first run of a fresh process`,
          unit: "turns/s",
          better: "higher",
          switchyard: pick("switchyard", (result) => result.cold.turnsPerSecond),
          baselineLabel,
          baseline: pick("baseline", (result) => result.cold.turnsPerSecond),
          note: "`send()`; cold: the JIT compiles each side's turn path while it runs, and Switchyard's path is longer",
        },
        {
          metric: `${label}: client peak RSS`,
          unit: "MB",
          better: "lower",
          switchyard: pick("switchyard", (result) => result.cold.rssPeak) / 2 ** 20,
          baselineLabel,
          baseline: pick("baseline", (result) => result.cold.rssPeak) / 2 ** 20,
          // Later runs' peaks add garbage of the closed clients before them that V8 has not collected yet (in details).
          note: "during the first run of a fresh client process; goal within 10 %",
        },
      );
      details[transport] = recorded;
      const failed = runsOf("switchyard").concat(runsOf("baseline")).find((result) => result.errors > 0);
      if (failed) details[`${transport}FirstError`] = failed.firstError;
    }
    return { name: "concurrency", rows, details };
  } finally {
    await emulator.close();
  }
};
