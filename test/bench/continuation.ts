/**
 * continuation: a 50-turn tool-call conversation (user asks → function call → tool output → answer
 * → …) through two Switchyard sessions, one over websocket (previous_response_id + only the new
 * items) and one over HTTP (store: false, the full items every turn). Figures are the request
 * bytes the emulator received per transport (its stats), not client-side estimates.
 */
import type { Host } from "@switchyard/core";
import type { InputItem } from "@switchyard/sdk";
import { consumeSession, createBenchHost, MODEL, TOOLS, type TurnOutcome } from "./clients.js";
import { startEmulatorProcess, type EmulatorProcess } from "./emulator-process.js";
import { slope, withTimeout, type Bench } from "./harness.js";

type Kind = "websocket" | "http";

async function bytesReceived(emulator: EmulatorProcess, kind: Kind): Promise<number> {
  return (await emulator.stats()).profiles.openai[kind].bytesReceived;
}

export const continuation: Bench = async ({ quick }) => {
  const turns = quick ? 20 : 50;
  const emulator = await startEmulatorProcess();
  let host: Host | undefined;
  try {
    host = await createBenchHost(emulator);
    const options = { instructions: "You are the Switchyard benchmark assistant. Use the tools when asked.", tools: TOOLS };
    const sessions = {
      websocket: host.session(`openai/${MODEL}`, { ...options, transport: "websocket" }),
      http: host.session(`openai/${MODEL}`, { ...options, transport: "http" }),
    };
    const perTurn: Record<Kind, number[]> = { websocket: [], http: [] };
    const continued: Record<Kind, number> = { websocket: 0, http: 0 };
    const pendingCall: Record<Kind, TurnOutcome["call"]> = { websocket: undefined, http: undefined };
    for (let turn = 0; turn < turns; turn++) {
      // Interleaved turn by turn; the two transports' counters are separate in the emulator.
      for (const kind of ["websocket", "http"] as const) {
        const call = pendingCall[kind];
        const input: string | InputItem[] = call
          ? [{ type: "function_call_output", call_id: call.callId, output: JSON.stringify({ city: `City ${turn}`, temperatureC: 10 + (turn % 20), sky: "clear" }) }]
          : `Turn ${turn}: please call get_weather for City ${turn}.`;
        const before = await bytesReceived(emulator, kind);
        const outcome = await withTimeout(consumeSession(sessions[kind].send(input)), 30_000, `continuation ${kind} turn ${turn}`);
        perTurn[kind].push((await bytesReceived(emulator, kind)) - before);
        if (outcome.transport !== kind) throw new Error(`continuation: the ${kind} session answered over ${outcome.transport}`);
        if (outcome.input === "continuation") continued[kind]++;
        pendingCall[kind] = call ? undefined : outcome.call;
        if (!call && !outcome.call) throw new Error(`continuation: turn ${turn} over ${kind} made no tool call`);
      }
    }
    const total = (kind: Kind) => perTurn[kind].reduce((sum, bytes) => sum + bytes, 0);
    const last = (kind: Kind) => perTurn[kind][perTurn[kind].length - 1] as number;
    const baselineLabel = "HTTP full resend (store: false)";
    return {
      name: "continuation",
      rows: [
        { metric: `request bytes, ${turns} turns`, unit: "bytes", better: "lower", switchyard: total("websocket"), baselineLabel, baseline: total("http"), note: "websocket continuation" },
        { metric: "request bytes, last turn", unit: "bytes", better: "lower", switchyard: last("websocket"), baselineLabel, baseline: last("http") },
        {
          metric: "growth per turn",
          unit: "bytes/turn",
          better: "lower",
          switchyard: slope(perTurn.websocket),
          baselineLabel,
          baseline: slope(perTurn.http),
          note: "least-squares slope",
        },
      ],
      details: { turns, bytesPerTurn: perTurn, continuedTurns: continued, items: { websocket: sessions.websocket.items().length, http: sessions.http.items().length } },
    };
  } finally {
    await host?.close();
    await emulator.close();
  }
};
