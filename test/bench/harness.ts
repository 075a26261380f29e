/**
 * The benchmark harness: warm-up, interleaved rounds, medians, ratios, and the row format the
 * table and bench-results.json share. Switchyard and its baseline always run in the same process
 * and the same run, alternating round by round (and alternating which goes first), so machine
 * noise hits both sides alike.
 */
import { fork } from "node:child_process";
import { performance } from "node:perf_hooks";

export interface BenchOptions {
  quick: boolean;
}

/** One line of the table: Switchyard's figure beside its baseline's, measured in the same run. */
export interface Row {
  metric: string;
  unit: string;
  /** Which direction is better for this metric. */
  better: "lower" | "higher";
  switchyard: number;
  /** Whose figure `switchyard` holds when it is not a Switchyard session (a peer client); ratios are then subject ÷ baseline. */
  subject?: string;
  /** What the baseline is, in a few words. */
  baselineLabel: string;
  baseline: number | undefined;
  /** One line: what this row shows. */
  note?: string;
  /**
   * How far apart (same unit) the two figures may be from this run's sampling noise alone (see
   * medianNoise). Closer than that, the row gets no ratio: a short sample must not read as
   * "faster than raw".
   */
  noise?: number;
}

export interface BenchResult {
  name: string;
  rows: Row[];
  /** Every raw figure (per-round samples, settings, counters), for bench-results.json. */
  details: Record<string, unknown>;
}

export type Bench = (options: BenchOptions) => Promise<BenchResult>;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function withinNoise(row: Pick<Row, "switchyard" | "baseline" | "noise">): boolean {
  return row.noise !== undefined && row.baseline !== undefined && Math.abs(row.switchyard - row.baseline) <= row.noise;
}

/**
 * A robust standard error of a sample's median: 1.2533 × σ / √n, with σ estimated from the
 * median absolute deviation (× 1.4826), so one descheduled round does not widen it.
 */
export function medianError(values: readonly number[]): number {
  if (values.length < 2) return Number.POSITIVE_INFINITY;
  const middle = median(values);
  const mad = median(values.map((value) => Math.abs(value - middle)));
  return (1.2533 * 1.4826 * mad) / Math.sqrt(values.length);
}

/**
 * About two standard errors of a difference of medians (or of a difference of differences, given
 * more samples): the `noise` of a row whose figures are medians of these samples.
 */
export function medianNoise(...samples: ReadonlyArray<readonly number[]>): number {
  return 2 * Math.sqrt(samples.reduce((sum, values) => sum + medianError(values) ** 2, 0));
}

/** Switchyard ÷ baseline; undefined when there is no baseline figure or the two are within noise. */
export function ratio(row: Pick<Row, "switchyard" | "baseline" | "noise">): number | undefined {
  if (row.baseline === undefined || !Number.isFinite(row.baseline)) return undefined;
  if (withinNoise(row)) return undefined;
  // A difference (e.g. added latency) can come out ≤ 0 within noise; a ratio of it means nothing.
  if (row.baseline <= 0 || row.switchyard < 0) return undefined;
  return row.switchyard / row.baseline;
}

/** "1.07× worse", "3.2× better", "same" — read against the row's better direction. */
export function verdict(row: Row): string {
  const r = ratio(row);
  if (r === undefined) {
    if (withinNoise(row)) return `≈ same (within noise ±${format(row.noise)})`;
    if (row.baseline !== undefined && row.better === "lower" && row.switchyard <= 0 && row.baseline > 0) return "better (≤ 0: within noise of nothing)";
    return "";
  }
  const factor = row.better === "lower" ? r : 1 / r;
  if (Math.abs(factor - 1) < 0.03) return "≈ same";
  return factor > 1 ? `${format(factor)}× worse` : `${format(1 / factor)}× better`;
}

export function format(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "—";
  const magnitude = Math.abs(value);
  if (Number.isInteger(value) && magnitude < 100_000) return String(value);
  if (magnitude >= 100_000) return Math.round(value).toLocaleString("en-US");
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  if (magnitude === 0) return "0";
  return value.toPrecision(2);
}

export interface Sides {
  switchyard: () => Promise<number>;
  baseline: () => Promise<number>;
}

/**
 * Runs `warmup` unrecorded rounds, then `rounds` recorded ones. Each round runs both sides;
 * even rounds start with Switchyard, odd rounds with the baseline.
 */
export async function interleave(sides: Sides, counts: { warmup: number; rounds: number }): Promise<{ switchyard: number[]; baseline: number[] }> {
  return interleaveAll(sides, counts);
}

/**
 * interleave() for any number of sides. The order changes from round to round along a balanced
 * Latin square (Williams design): each side runs first equally often and follows each other side
 * equally often. A plain rotation always puts the same side after a given one, so the garbage one
 * side leaves (collected during whatever runs next) billed one particular side every round.
 */
export async function interleaveAll<K extends string>(
  sides: Record<K, () => Promise<number>>,
  counts: { warmup: number; rounds: number },
): Promise<Record<K, number[]>> {
  const names = Object.keys(sides) as K[];
  const orders = balancedOrders(names.length);
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < counts.warmup + counts.rounds; round++) {
    const order = (orders[round % orders.length] as number[]).map((index) => names[index] as K);
    for (const side of order) {
      const value = await sides[side]();
      if (round >= counts.warmup) samples[side].push(value);
    }
  }
  return samples;
}

/**
 * The rows of a Williams design for n sides: row r is r, r+1, r-1, r+2, r-2, … (mod n). For an
 * even n, n rows have every ordered pair adjacent once; an odd n needs each row reversed as well.
 */
export function balancedOrders(n: number): number[][] {
  const rows: number[][] = [];
  for (let r = 0; r < n; r++) {
    const row = [r];
    for (let step = 1; row.length < n; step++) {
      row.push((r + step) % n);
      if (row.length < n) row.push((r - step + n) % n);
    }
    rows.push(row);
  }
  return n % 2 === 0 ? rows : [...rows, ...rows.map((row) => [...row].reverse())];
}

/** Milliseconds since `start` (a performance.now() reading). */
export function since(start: number): number {
  return performance.now() - start;
}

export const now = (): number => performance.now();

/** Least-squares slope of y over x = 1..n: the growth per step. */
export function slope(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n + 1) / 2;
  const meanY = values.reduce((sum, value) => sum + value, 0) / n;
  let numerator = 0;
  let denominator = 0;
  values.forEach((value, index) => {
    const dx = index + 1 - meanX;
    numerator += dx * (value - meanY);
    denominator += dx * dx;
  });
  return numerator / denominator;
}

/** Samples process RSS every `everyMs` until stopped; returns the peak in bytes. */
export function sampleRss(everyMs = 10): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

/** Rejects after `ms` so no loop waits forever on a lost socket. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `file` in a fresh Node process with `args` and resolves with the one message it sends
 * before exiting; rejects when it exits without one or takes longer than `ms` (then it is killed).
 */
export function childResult<T>(file: string, args: readonly string[], what: string, ms: number): Promise<T> {
  const child = fork(file, [...args], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return withTimeout(
    new Promise<T>((resolve, reject) => {
      let result: T | undefined;
      child.once("message", (message) => (result = message as T));
      child.once("exit", (code) => (result ? resolve(result) : reject(new Error(`${what} exited with ${code}`))));
    }),
    ms,
    what,
  ).finally(() => {
    if (child.exitCode === null) child.kill();
  });
}

