/**
 * `switchyard serve` as the benchmarks run it: its own process, a config file in a temp folder,
 * the first stdout line read for its URL. Peak RSS is read from /proc (Linux) when it is there.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hashKey } from "@switchyard/gateway";
import { API_KEY, ENV } from "./clients.js";
import { withTimeout } from "./harness.js";

const BIN = fileURLToPath(new URL("../../../packages/cli/dist/bin.js", import.meta.url));

export interface GatewayProcess {
  url: string;
  /** Peak resident set size of the gateway process so far, in bytes (undefined off Linux). */
  peakRss(): number | undefined;
  close(): Promise<void>;
}

/** Starts a gateway whose only client key is the benchmarks' API_KEY. */
export async function startGatewayProcess(config: Record<string, unknown>): Promise<GatewayProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), "sy-bench-gw-"));
  const file = path.join(dir, "switchyard.config.json");
  const gateway = { keys: [{ id: "bench", sha256: hashKey(API_KEY) }], maxConcurrentStreams: 1_000, ...(config["gateway"] as object | undefined) };
  writeFileSync(file, JSON.stringify({ ...config, gateway }));
  const child: ChildProcess = spawn(process.execPath, [BIN, "serve", "--config", file, "--port", "0", "--json"], {
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...ENV },
    stdio: ["ignore", "pipe", "ignore"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await withTimeout(
    new Promise<string>((resolve, reject) => {
      let text = "";
      child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
        text += chunk;
        const line = text.split("\n")[0];
        if (text.includes("\n") && line) resolve((JSON.parse(line) as { url: string }).url);
      });
      child.once("exit", (code) => reject(new Error(`switchyard serve exited with ${code} before listening`)));
    }),
    15_000,
    "starting switchyard serve",
  );
  return {
    url,
    peakRss() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const match = /VmHWM:\s+(\d+) kB/.exec(status);
        return match ? Number(match[1]) * 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    async close() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
