/**
 * concurrency: 200 sessions at once × 5 turns each, over websocket and over HTTP, through
 * Switchyard versus the raw baseline clients. Errors must be 0; turns per second; the client
 * process's peak RSS (each sample is a fresh client process, so one run's heap cannot inflate
 * another's peak). The emulator runs in its own process throughout.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ConcurrencySample } from "./concurrency-child.js";
import { startEmulatorProcess, type EmulatorProcess } from "./emulator-process.js";
import { interleave, median, withTimeout, type Bench, type Row } from "./harness.js";

const childFile = fileURLToPath(new URL("./concurrency-child.js", import.meta.url));

function sample(emulator: EmulatorProcess, client: "switchyard" | "raw", transport: "websocket" | "http", sessions: number, turns: number): Promise<ConcurrencySample> {
  const child = fork(childFile, [client, transport, String(sessions), String(turns), JSON.stringify(emulator.endpoints)], {
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

export const concurrency: Bench = async ({ quick }) => {
  const sessions = 200;
  const turns = 5;
  const counts = quick ? { warmup: 0, rounds: 1 } : { warmup: 1, rounds: 3 };
  const emulator = await startEmulatorProcess();
  try {
    const rows: Row[] = [];
    const details: Record<string, unknown> = { sessions, turns, ...counts };
    for (const transport of ["websocket", "http"] as const) {
      const all: Record<"switchyard" | "baseline", ConcurrencySample[]> = { switchyard: [], baseline: [] };
      const run = async (side: "switchyard" | "baseline"): Promise<number> => {
        const result = await sample(emulator, side === "switchyard" ? "switchyard" : "raw", transport, sessions, turns);
        all[side].push(result);
        return result.turnsPerSecond;
      };
      await interleave({ switchyard: () => run("switchyard"), baseline: () => run("baseline") }, counts);
      const recorded = { switchyard: all.switchyard.slice(-counts.rounds), baseline: all.baseline.slice(-counts.rounds) };
      const errors = (side: "switchyard" | "baseline") => recorded[side].reduce((sum, result) => sum + result.errors, 0);
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
          note: `summed over ${counts.rounds} round(s); must be 0`,
        },
        {
          metric: `${label}: throughput`,
          unit: "turns/s",
          better: "higher",
          switchyard: median(recorded.switchyard.map((result) => result.turnsPerSecond)),
          baselineLabel,
          baseline: median(recorded.baseline.map((result) => result.turnsPerSecond)),
        },
        {
          metric: `${label}: client peak RSS`,
          unit: "MB",
          better: "lower",
          switchyard: median(recorded.switchyard.map((result) => result.rssPeak)) / 2 ** 20,
          baselineLabel,
          baseline: median(recorded.baseline.map((result) => result.rssPeak)) / 2 ** 20,
          note: "fresh client process per sample",
        },
      );
      details[transport] = recorded;
      const failed = [...recorded.switchyard, ...recorded.baseline].find((result) => result.errors > 0);
      if (failed) details[`${transport}FirstError`] = failed.firstError;
    }
    return { name: "concurrency", rows, details };
  } finally {
    await emulator.close();
  }
};
