/**
 * continuation: a 50-turn tool-call conversation (user asks → function call → tool output → answer
 * → …) three ways, interleaved turn by turn: a Switchyard session over websocket
 * (previous_response_id + only the new items), a raw `ws` client doing the same by hand on one
 * connection — the baseline: same protocol, so the bytes should match — and a Switchyard session
 * over HTTP (store: false, the full items every turn), kept as a labelled protocol comparison.
 * Figures are the request bytes the emulator received (its stats, read around each turn), not
 * client-side estimates.
 */
import type { Host } from "@switchyard/core";
import type { InputItem } from "@switchyard/sdk";
import { consumeSession, createBenchHost, MODEL, openRawWebSocket, TOOLS, userMessage, type RawWebSocket, type TurnOutcome } from "./clients.js";
import { startEmulatorProcess, type EmulatorProcess } from "./emulator-process.js";
import { slope, withTimeout, type Bench, type Row } from "./harness.js";

const INSTRUCTIONS = "You are the Switchyard benchmark assistant. Use the tools when asked.";

/** What a careful application writes for websocket mode: one connection, previous_response_id, only the new items. */
class RawContinuation {
  #previous: string | undefined;

  constructor(private readonly socket: RawWebSocket) {}

  async send(input: Array<Record<string, unknown>>): Promise<TurnOutcome> {
    const continued = this.#previous === undefined ? {} : { previous_response_id: this.#previous };
    const outcome = await this.socket.turn({ model: MODEL, store: false, instructions: INSTRUCTIONS, tools: TOOLS, ...continued, input });
    this.#previous = outcome.responseId;
    return outcome;
  }
}

type Side = "websocket" | "raw" | "http";
const SIDES: readonly Side[] = ["websocket", "raw", "http"];

async function bytesReceived(emulator: EmulatorProcess, side: Side): Promise<number> {
  return (await emulator.stats()).profiles.openai[side === "http" ? "http" : "websocket"].bytesReceived;
}

/** The tool output for the call of `turn`: the same bytes on every side. */
function toolOutput(call: NonNullable<TurnOutcome["call"]>, turn: number) {
  return { type: "function_call_output" as const, call_id: call.callId, output: JSON.stringify({ city: `City ${turn}`, temperatureC: 10 + (turn % 20), sky: "clear" }) };
}

export const continuation: Bench = async ({ quick }) => {
  const turns = quick ? 20 : 50;
  const emulator = await startEmulatorProcess();
  let host: Host | undefined;
  let socket: RawWebSocket | undefined;
  try {
    host = await createBenchHost(emulator);
    socket = await openRawWebSocket(emulator.endpoints.openai.websocketUrl);
    const options = { instructions: INSTRUCTIONS, tools: TOOLS };
    const sessions = {
      websocket: host.session(`openai/${MODEL}`, { ...options, transport: "websocket" }),
      http: host.session(`openai/${MODEL}`, { ...options, transport: "http" }),
    };
    const raw = new RawContinuation(socket);
    const send = (side: Side, call: TurnOutcome["call"], turn: number): Promise<TurnOutcome> => {
      if (side === "raw") return raw.send([call ? toolOutput(call, turn) : userMessage(`Turn ${turn}: please call get_weather for City ${turn}.`)]);
      const input: string | InputItem[] = call ? [toolOutput(call, turn)] : `Turn ${turn}: please call get_weather for City ${turn}.`;
      return consumeSession(sessions[side].send(input));
    };
    const perTurn: Record<Side, number[]> = { websocket: [], raw: [], http: [] };
    const continued: Record<Side, number> = { websocket: 0, raw: 0, http: 0 };
    const pendingCall: Record<Side, TurnOutcome["call"]> = { websocket: undefined, raw: undefined, http: undefined };
    for (let turn = 0; turn < turns; turn++) {
      // Interleaved turn by turn, one turn at a time: the counter read around a turn is that turn's alone.
      for (const side of SIDES) {
        const call = pendingCall[side];
        const before = await bytesReceived(emulator, side);
        const outcome = await withTimeout(send(side, call, turn), 30_000, `continuation ${side} turn ${turn}`);
        perTurn[side].push((await bytesReceived(emulator, side)) - before);
        if (side !== "raw" && outcome.transport !== side) throw new Error(`continuation: the ${side} session answered over ${outcome.transport}`);
        if (outcome.input === "continuation" || (side === "raw" && turn > 0)) continued[side]++;
        pendingCall[side] = call ? undefined : outcome.call;
        if (!call && !outcome.call) throw new Error(`continuation: turn ${turn} over ${side} made no tool call`);
        if (call && outcome.deltas === 0) throw new Error(`continuation: turn ${turn} over ${side} did not answer the tool output`);
      }
    }
    const total = (side: Side) => perTurn[side].reduce((sum, bytes) => sum + bytes, 0);
    const last = (side: Side) => perTurn[side][perTurn[side].length - 1] as number;
    const rawLabel = "raw ws client, previous_response_id";
    const protocolLabel = "Switchyard over HTTP, full resend";
    const protocolNote = "protocol comparison, not overhead: websocket continuation vs HTTP store: false";
    const rows: Row[] = [
      { metric: `request bytes, ${turns} turns`, unit: "bytes", better: "lower", switchyard: total("websocket"), baselineLabel: rawLabel, baseline: total("raw"), note: "same protocol both sides: should be ≈ same" },
      { metric: "request bytes, last turn", unit: "bytes", better: "lower", switchyard: last("websocket"), baselineLabel: rawLabel, baseline: last("raw") },
      { metric: "growth per turn", unit: "bytes/turn", better: "lower", switchyard: slope(perTurn.websocket), baselineLabel: rawLabel, baseline: slope(perTurn.raw), note: "least-squares slope" },
      { metric: `request bytes, ${turns} turns`, unit: "bytes", better: "lower", switchyard: total("websocket"), baselineLabel: protocolLabel, baseline: total("http"), note: protocolNote },
      { metric: "growth per turn", unit: "bytes/turn", better: "lower", switchyard: slope(perTurn.websocket), baselineLabel: protocolLabel, baseline: slope(perTurn.http), note: protocolNote },
    ];
    return {
      name: "continuation",
      rows,
      details: {
        turns,
        sides: { websocket: "Switchyard session over websocket", raw: "raw ws client with previous_response_id", http: "Switchyard session over HTTP (store: false)" },
        bytesPerTurn: perTurn,
        continuedTurns: continued,
        items: { websocket: sessions.websocket.items().length, http: sessions.http.items().length },
      },
    };
  } finally {
    await host?.close();
    await socket?.close();
    await emulator.close();
  }
};
