/**
 * `pnpm bench [--quick] [--only <name>[,<name>…]]`: runs the benchmarks, prints one markdown table
 * and writes every figure to bench-results.json at the repository root.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { concurrency } from "./concurrency.js";
import { continuation } from "./continuation.js";
import { decode } from "./decode.js";
import { fallbackStorm } from "./fallback-storm.js";
import { gatewayConcurrency, gatewayContinuation, gatewayOverhead } from "./gateway.js";
import { format, now, ratio, verdict, type Bench, type BenchResult } from "./harness.js";
import { httpStream } from "./http-stream.js";
import { peers } from "./peers.js";
import { select } from "./select.js";
import { startup } from "./startup.js";
import { wsStream } from "./ws-stream.js";

const benches: Record<string, Bench> = {
  select,
  startup,
  decode,
  "http-stream": httpStream,
  "ws-stream": wsStream,
  peers,
  continuation,
  "fallback-storm": fallbackStorm,
  concurrency,
  gateway: gatewayOverhead,
  "gateway-concurrency": gatewayConcurrency,
  "gateway-continuation": gatewayContinuation,
};

const usage = `Usage: pnpm bench [--quick] [--only ${Object.keys(benches).join("|")}[,…]] [--out <file>]`;

function parseArgs(argv: string[]): { quick: boolean; only: string[]; out: string } {
  let quick = false;
  let only = Object.keys(benches);
  let out = fileURLToPath(new URL("../../../bench-results.json", import.meta.url));
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === "--quick") quick = true;
    else if (arg === "--only" || arg.startsWith("--only=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++index];
      only = (value ?? "").split(",").filter(Boolean);
      const unknown = only.filter((name) => !(name in benches));
      if (only.length === 0 || unknown.length > 0) throw new Error(`Unknown benchmark "${unknown.join(", ") || "(none)"}". ${usage}`);
    } else if (arg === "--out") out = argv[++index] ?? out;
    else if (arg === "--") continue;
    else if (arg === "--help" || arg === "-h") {
      console.log(usage);
      process.exit(0);
    } else throw new Error(`Unknown argument "${arg}". ${usage}`);
  }
  return { quick, only, out };
}

function table(results: Array<BenchResult & { wallMs: number }>): string {
  const lines = [
    "| benchmark | metric | unit | switchyard | baseline | baseline is | ratio (sy/base) | verdict | note |",
    "|---|---|---|--:|--:|---|--:|---|---|",
  ];
  for (const result of results) {
    for (const row of result.rows) {
      const r = ratio(row);
      lines.push(
        `| ${result.name} | ${row.subject ? `${row.subject}: ` : ""}${row.metric} | ${row.unit} | ${format(row.switchyard)} | ${format(row.baseline)} | ${row.baselineLabel} | ${r === undefined ? "—" : format(r)} | ${verdict(row)} | ${row.note ?? ""} |`,
      );
    }
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { quick, only, out } = parseArgs(process.argv.slice(2));
  const started = now();
  const results: Array<BenchResult & { wallMs: number }> = [];
  for (const name of only) {
    const bench = benches[name] as Bench;
    process.stderr.write(`bench ${name}${quick ? " (quick)" : ""}… `);
    const benchStart = now();
    const result = await bench({ quick });
    const wallMs = now() - benchStart;
    process.stderr.write(`${(wallMs / 1000).toFixed(1)} s\n`);
    results.push({ ...result, wallMs });
  }
  const wallMs = now() - started;
  const cpus = os.cpus();
  const machine = {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
  const document = {
    machine,
    mode: quick ? "quick" : "full",
    wallMs,
    benchmarks: results.map((result) => ({
      name: result.name,
      wallMs: result.wallMs,
      // `ratio` is null when the two figures are within the row's noise; `pointRatio` is the plain quotient either way.
      rows: result.rows.map((row) => ({
        ...row,
        ratio: ratio(row) ?? null,
        pointRatio: row.baseline !== undefined && row.baseline > 0 ? row.switchyard / row.baseline : null,
        verdict: verdict(row),
      })),
      details: result.details,
    })),
  };
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  console.log(table(results));
  console.log(
    `\n${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; ${quick ? "quick" : "full"} run in ${(wallMs / 1000).toFixed(1)} s; every figure in ${out}`,
  );
}

main().then(
  () => {
    // Everything was closed; a handle left open would be a bug worth seeing, so no process.exit.
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
