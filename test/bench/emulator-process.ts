/**
 * The parent side of emulator-child.ts: forks it, waits for its endpoints, and sends it commands.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Emulator, EmulatorStats, Fault, ScriptScope, ScriptedTurn } from "@switchyard/emulator";
import type { Command, Ready } from "./emulator-child.js";
import { withTimeout } from "./harness.js";

export interface EmulatorProcess {
  readonly url: string;
  readonly endpoints: Emulator["endpoints"];
  readonly pid: number;
  /** The pre-rendered frame server in the same child (see frame-server.ts). */
  readonly frames: { baseUrl: string; websocketUrl: string };
  /** Makes the frame server answer every request with this many deltas. */
  serveFrames(deltas: number): Promise<void>;
  setFaults(faults: Fault[]): Promise<void>;
  script(turns: ScriptedTurn[], scope?: ScriptScope): Promise<void>;
  /** Queues `count` pre-rendered text streams of `deltas` deltas each. */
  scriptStream(deltas: number, count: number, scope?: ScriptScope): Promise<void>;
  /** Counters per profile and transport (the request log is summarized to its length). */
  stats(): Promise<Omit<EmulatorStats, "requests"> & { requests: number }>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

const childFile = fileURLToPath(new URL("./emulator-child.js", import.meta.url));

export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const child: ChildProcess = fork(childFile, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await withTimeout(
    new Promise<Ready>((resolve, reject) => {
      child.once("message", (message) => resolve(message as Ready));
      child.once("exit", (code) => reject(new Error(`the emulator child exited with ${code} before it was ready`)));
    }),
    10_000,
    "starting the emulator child",
  );
  let next = 0;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on("message", (message: { id?: number; ok?: boolean; result?: unknown; error?: string }) => {
    if (message.id === undefined) return;
    const waiter = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.ok) waiter?.resolve(message.result);
    else waiter?.reject(new Error(`emulator child: ${message.error}`));
  });
  child.once("exit", () => {
    for (const waiter of waiting.values()) waiter.reject(new Error("the emulator child exited"));
    waiting.clear();
  });
  const call = <T>(command: Command): Promise<T> =>
    withTimeout(
      new Promise<T>((resolve, reject) => {
        const id = ++next;
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, ...command });
      }),
      30_000,
      `emulator command ${command.cmd}`,
    );
  let closing: Promise<void> | undefined;
  return {
    url: ready.url,
    endpoints: ready.endpoints,
    pid: child.pid ?? -1,
    frames: ready.frames,
    serveFrames: (deltas) => call({ cmd: "serveFrames", deltas }),
    setFaults: (faults) => call({ cmd: "setFaults", faults }),
    script: (turns, scope) => call(scope ? { cmd: "script", turns, scope } : { cmd: "script", turns }),
    scriptStream: (deltas, count, scope) => call(scope ? { cmd: "scriptStream", deltas, count, scope } : { cmd: "scriptStream", deltas, count }),
    stats: () => call({ cmd: "stats" }),
    resetStats: () => call({ cmd: "resetStats" }),
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.connected) await call({ cmd: "close" }).catch(() => undefined);
        const timer = setTimeout(() => child.kill(), 5_000);
        await exited;
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}
