/**
 * The emulator in its own process, so its event loop never shares a core's time slices with the
 * client being measured. Forked by emulator-process.ts: it listens on 127.0.0.1 port 0, reports
 * its endpoints over IPC, then answers commands (setFaults, script, scriptStream, stats,
 * resetStats, close). It exits when the parent says close or goes away.
 */
import { startEmulator, type Emulator, type Fault, type ScriptedTurn, type ScriptScope } from "@switchyard/emulator";
import { startFrameServer } from "./frame-server.js";
import { renderStream } from "./stream-frames.js";

export type Command =
  | { cmd: "setFaults"; faults: Fault[] }
  | { cmd: "script"; turns: ScriptedTurn[]; scope?: ScriptScope }
  | { cmd: "scriptStream"; deltas: number; count: number; scope?: ScriptScope }
  | { cmd: "serveFrames"; deltas: number }
  | { cmd: "stats"; withLog?: boolean }
  | { cmd: "resetStats" }
  | { cmd: "close" };

export interface Ready {
  ready: true;
  url: string;
  endpoints: Emulator["endpoints"];
  /** The pre-rendered frame server (frame-server.ts), same process, its own port. */
  frames: { baseUrl: string; websocketUrl: string };
}

/** Frames before the first delta (created, item added, part added) and after the last (text done, part done, item done, completed). */
const HEAD_FRAMES = 3;
const TAIL_FRAMES = 4;

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error("emulator-child.js is started by the benchmarks with child_process.fork, not by hand.");
  const emulator = await startEmulator({ port: 0, host: "127.0.0.1" });
  const frameServer = await startFrameServer();
  const rendered = new Map<number, string[]>();
  let streams = 0;
  let closing = false;
  const close = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    await Promise.all([emulator.close(), frameServer.close()]);
    process.disconnect?.();
  };
  process.on("disconnect", () => void close());
  process.on("message", (message: { id: number } & Command) => {
    const reply = (result: unknown): void => {
      if (process.connected) send({ id: message.id, ok: true, result });
    };
    try {
      switch (message.cmd) {
        case "setFaults":
          emulator.setFaults(message.faults);
          return reply(null);
        case "script":
          emulator.script(message.turns, message.scope);
          return reply(null);
        case "scriptStream": {
          let frames = rendered.get(message.deltas);
          if (!frames) rendered.set(message.deltas, (frames = renderStream(message.deltas, "resp_bench")));
          const turns: ScriptedTurn[] = [];
          for (let index = 0; index < message.count; index++) {
            // A distinct response id per turn; the deltas in between are shared, not copied.
            const id = `resp_bench${++streams}`;
            const fresh = renderStream(0, id);
            turns.push({ frames: [...fresh.slice(0, HEAD_FRAMES), ...frames.slice(HEAD_FRAMES, -TAIL_FRAMES), ...renderTail(frames, id)] });
          }
          emulator.script(turns, message.scope);
          return reply(null);
        }
        case "serveFrames":
          frameServer.serve(renderStream(message.deltas, "resp_frames"));
          return reply(null);
        case "stats": {
          const stats = emulator.stats();
          return reply(message.withLog ? stats : { profiles: stats.profiles, openConnections: stats.openConnections, requests: stats.requests.length });
        }
        case "resetStats":
          emulator.resetStats();
          return reply(null);
        case "close":
          reply(null);
          void close();
          return;
      }
    } catch (error) {
      if (process.connected) send({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
  send({ ready: true, url: emulator.url, endpoints: emulator.endpoints, frames: frameServer.endpoint } satisfies Ready);
}

/** The last frames (text done, part done, item done, completed) with this turn's response id. */
function renderTail(frames: string[], id: string): string[] {
  return frames.slice(-TAIL_FRAMES).map((frame) => frame.replaceAll("resp_bench", id));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
