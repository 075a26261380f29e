/**
 * concurrency: 200 sessions at once × 5 turns each, over websocket and over HTTP, through
 * Switchyard versus the raw baseline clients. Errors must be 0; turns per second in steady state
 * (all sides in one process after warm-up rounds, as a long-running runtime or gateway sees it)
 * and in a fresh process's first run (cold: the JIT compiles while it runs); the client's peak
 * RSS, from the fresh processes, so one client's heap cannot inflate another's peak. Each run uses
 * clients of its own, so no run reuses another's connections. The emulator runs in its own
 * process throughout (concurrency-child.ts).
 */
import { fileURLToPath } from "node:url";
import type { ColdSample, ConcurrencySide, SteadyRuns, SteadySample } from "./concurrency-child.js";
import { startEmulatorProcess, type EmulatorProcess } from "./emulator-process.js";
import { childResult, format, interleave, median, medianNoise, type Bench, type Row } from "./harness.js";

const childFile = fileURLToPath(new URL("./concurrency-child.js", import.meta.url));

function child<T>(emulator: EmulatorProcess, args: string[], what: string): Promise<T> {
  return childResult<T>(childFile, [...args, JSON.stringify(emulator.endpoints)], `concurrency child (${what})`, 180_000);
}

const SESSIONS = 200;
const TURNS = 5;

/** One run in a fresh process: the cold throughput and the client's peak RSS. */
function cold(emulator: EmulatorProcess, side: ConcurrencySide, transport: "websocket" | "http"): Promise<ColdSample> {
  return child(emulator, ["cold", side, transport, String(SESSIONS), String(TURNS), "0", "1"], `cold ${side} ${transport}`);
}

/** All sides in one process, in a balanced order, after warm-up rounds. */
function steady(emulator: EmulatorProcess, transport: "websocket" | "http", rounds: { warmup: number; measured: number }): Promise<SteadySample> {
  return child(emulator, ["steady", "all", transport, String(SESSIONS), String(TURNS), String(rounds.warmup), String(rounds.measured)], `steady ${transport}`);
}

export const concurrency: Bench = async ({ quick }) => {
  const coldCounts = quick ? { warmup: 0, rounds: 1 } : { warmup: 0, rounds: 3 };
  // Rounds in multiples of the three sides' six orders; each round runs every side once.
  const steadyRounds = quick ? { warmup: 2, measured: 6 } : { warmup: 3, measured: 18 };
  const emulator = await startEmulatorProcess();
  try {
    const rows: Row[] = [];
    const details: Record<string, unknown> = { sessions: SESSIONS, turns: TURNS, cold: coldCounts, steadyRounds };
    for (const transport of ["websocket", "http"] as const) {
      const colds: Record<"switchyard" | "baseline", ColdSample[]> = { switchyard: [], baseline: [] };
      const sampleCold = async (side: "switchyard" | "baseline"): Promise<number> => {
        const result = await cold(emulator, side === "switchyard" ? "events" : "raw", transport);
        colds[side].push(result);
        return result.run.turnsPerSecond;
      };
      await interleave({ switchyard: () => sampleCold("switchyard"), baseline: () => sampleCold("baseline") }, coldCounts);
      const warm = await steady(emulator, transport, steadyRounds);
      const coldOf = (side: "switchyard" | "baseline", of: (sample: ColdSample) => number) => median(colds[side].map(of));
      const baselineLabel = transport === "http" ? "raw undici client (same pool size)" : "raw ws client, 1 socket/session";
      const label = transport === "http" ? "HTTP" : "websocket";
      const errors = (runs: Array<{ errors: number }>) => runs.reduce((sum, run) => sum + run.errors, 0);
      // Switchyard's rate ÷ the raw client's, round by round: the three runs of a round are
      // seconds apart, where the machine's speed drifts by half over a minute of rounds.
      const paired = (metric: string, side: SteadyRuns, raw: SteadyRuns, note: string): Row => {
        const ratios = side.runMs.map((ms, round) => (raw.runMs[round] as number) / ms);
        return {
          metric,
          unit: "× raw",
          better: "higher",
          switchyard: median(ratios),
          baselineLabel: `${baselineLabel}, same round`,
          baseline: 1,
          noise: medianNoise(ratios),
          note: `median of per-round ratios (${format(side.turnsPerSecond)} vs ${format(raw.turnsPerSecond)} turns/s, median runs); ${note}`,
        };
      };
      const measuredNote = `${steadyRounds.measured} rounds of ${SESSIONS}×${TURNS} per side after ${steadyRounds.warmup} warm-up rounds, all sides in one process in a balanced order, each run on fresh clients`;
      rows.push(
        {
          metric: `${label}: errors in ${SESSIONS}×${TURNS} turns`,
          unit: "errors",
          better: "lower",
          switchyard: errors([...colds.switchyard.map((sample) => sample.run), warm.sides.events, warm.sides.batches]),
          baselineLabel,
          baseline: errors([...colds.baseline.map((sample) => sample.run), warm.sides.raw]),
          note: "every cold and steady run; must be 0",
        },
        paired(`${label}: throughput, steady state, batch API`, warm.sides.batches, warm.sides.raw, `the per-turn goal (≥ 0.9×): \`sendBatches()\`, so per-event delivery (its own goal in the stream rows) is not counted twice; ${measuredNote}`),
        paired(`${label}: throughput, steady state, per-event API`, warm.sides.events, warm.sides.raw, "`send()`, one event at a time (7 events a turn here), in the same process and rounds"),
        {
          metric: `${label}: throughput, first run of a fresh process`,
          unit: "turns/s",
          better: "higher",
          switchyard: coldOf("switchyard", (sample) => sample.run.turnsPerSecond),
          baselineLabel,
          baseline: coldOf("baseline", (sample) => sample.run.turnsPerSecond),
          note: `\`send()\`, median of ${coldCounts.rounds} fresh processes per side; cold: the JIT compiles each side's turn path while it runs, and Switchyard's path is longer`,
        },
        {
          metric: `${label}: client peak RSS`,
          unit: "MB",
          better: "lower",
          switchyard: coldOf("switchyard", (sample) => sample.run.rssPeak) / 2 ** 20,
          baselineLabel,
          baseline: coldOf("baseline", (sample) => sample.run.rssPeak) / 2 ** 20,
          note: "during the run of a fresh client process; goal within 10 %",
        },
      );
      details[transport] = { cold: colds, steady: warm };
      const failed = [...colds.switchyard, ...colds.baseline].map((sample) => sample.run).concat(Object.values(warm.sides)).find((run) => run.errors > 0);
      if (failed) details[`${transport}FirstError`] = failed.firstError;
    }
    return { name: "concurrency", rows, details };
  } finally {
    await emulator.close();
  }
};
