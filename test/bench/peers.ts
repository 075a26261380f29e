/**
 * peers: one long text turn on the frame server's pre-rendered frames (the bytes http-stream and
 * ws-stream use) through every peer in peer-clients.ts, a Switchyard session over each transport,
 * and the raw baselines (undici + eventsource-parser; raw `ws`), all interleaved round by round in
 * one process. Each peer's row is its deltas/s beside the raw client of the same transport, so the
 * ratio is peer ÷ raw; Switchyard's own rows are there for reference. Every side must deliver the
 * same deltas and the same text, or the run fails.
 */
import type { Host } from "@switchyard/core";
import { consumeSession, createBenchHost, MODEL, openRawWebSocket, RawHttpClient, userMessage, type RawWebSocket } from "./clients.js";
import { startEmulatorProcess } from "./emulator-process.js";
import { interleaveAll, median, medianNoise, now, withTimeout, type Bench, type Row } from "./harness.js";
import { openPeers, type Peer, type PeerTurn } from "./peer-clients.js";

type Transport = "http" | "websocket";

interface Side {
  transport: Transport;
  turn(): Promise<PeerTurn & { transport?: string | undefined }>;
}

const RAW_LABEL: Record<Transport, string> = { http: "undici + eventsource-parser", websocket: "raw ws client" };
const RAW_SIDE: Record<Transport, string> = { http: "raw-http", websocket: "raw-ws" };
const SWITCHYARD_SIDE: Record<Transport, string> = { http: "switchyard-http", websocket: "switchyard-ws" };

export const peers: Bench = async ({ quick }) => {
  // Quick mode still streams long enough (~10k deltas, tens of ms per raw turn) that a ratio is not noise.
  const deltas = quick ? 10_000 : 20_000;
  const counts = quick ? { warmup: 3, rounds: 7 } : { warmup: 3, rounds: 15 };
  const emulator = await startEmulatorProcess();
  let host: Host | undefined;
  let socket: RawWebSocket | undefined;
  let opened: Awaited<ReturnType<typeof openPeers>> | undefined;
  const http = new RawHttpClient();
  try {
    await emulator.serveFrames(deltas);
    const endpoint = emulator.frames;
    host = await createBenchHost(emulator, { openai: { ...endpoint } });
    socket = await openRawWebSocket(endpoint.websocketUrl);
    opened = await openPeers(endpoint);
    const session = host;
    const raw = socket;
    const body = { model: MODEL, store: false, input: [userMessage("stream")] };
    const sides: Record<string, Side> = {
      "raw-http": { transport: "http", turn: () => http.turn(`${endpoint.baseUrl}/responses`, body) },
      "raw-ws": { transport: "websocket", turn: () => raw.turn(body) },
      "switchyard-http": { transport: "http", turn: () => consumeSession(session.session(`openai/${MODEL}`, { transport: "http" }).send("stream")) },
      "switchyard-ws": { transport: "websocket", turn: () => consumeSession(session.session(`openai/${MODEL}`, { transport: "websocket" }).send("stream")) },
    };
    for (const peer of opened.peers) sides[peer.id] = { transport: peer.transport, turn: () => peer.turn() };

    let reference: string | undefined;
    const firstDelta: Record<string, number[]> = Object.fromEntries(Object.keys(sides).map((id) => [id, []]));
    const measure = (id: string, side: Side) => async (): Promise<number> => {
      const start = now();
      const outcome = await withTimeout(side.turn(), 120_000, `peers ${id} turn`);
      const elapsed = now() - start;
      if (outcome.deltas !== deltas) throw new Error(`peers ${id}: got ${outcome.deltas} text deltas, expected ${deltas}`);
      reference ??= outcome.text;
      if (outcome.text !== reference) throw new Error(`peers ${id}: the text differs from the other sides' (${outcome.text.length} vs ${reference.length} characters)`);
      if (outcome.transport !== undefined && outcome.transport !== side.transport) throw new Error(`peers ${id}: the session answered over ${outcome.transport}`);
      firstDelta[id]?.push(outcome.firstDeltaAt - start);
      return elapsed;
    };
    const samples = await interleaveAll(Object.fromEntries(Object.entries(sides).map(([id, side]) => [id, measure(id, side)])), counts);
    const turnMs = Object.fromEntries(Object.entries(samples).map(([id, values]) => [id, median(values)]));
    const rate = (id: string): number => deltas / ((turnMs[id] as number) / 1000);
    // Per-round rates: their median is rate(id) (an odd count of rounds), their spread the row's noise.
    const rates = (id: string): number[] => (samples[id] as number[]).map((ms) => deltas / (ms / 1000));
    const metric = `${deltas.toLocaleString("en-US")}-delta turn`;

    const rows: Row[] = (["http", "websocket"] as const).map((transport) => ({
      metric,
      unit: "deltas/s",
      better: "higher",
      switchyard: rate(SWITCHYARD_SIDE[transport]),
      baselineLabel: RAW_LABEL[transport],
      baseline: rate(RAW_SIDE[transport]),
      noise: medianNoise(rates(SWITCHYARD_SIDE[transport]), rates(RAW_SIDE[transport])),
      note: `Switchyard session over ${transport}, for reference`,
    }));
    const versusSwitchyard: Record<string, number> = {};
    for (const peer of opened.peers) {
      rows.push({
        metric,
        unit: "deltas/s",
        better: "higher",
        subject: `${peer.label} (${peer.transport})`,
        switchyard: rate(peer.id),
        baselineLabel: RAW_LABEL[peer.transport],
        baseline: rate(RAW_SIDE[peer.transport]),
        noise: medianNoise(rates(peer.id), rates(RAW_SIDE[peer.transport])),
        note: `peer ÷ raw; ${peer.package}`,
      });
      // How many times longer the peer's turn takes than Switchyard's on the same transport.
      versusSwitchyard[peer.id] = (turnMs[peer.id] as number) / (turnMs[SWITCHYARD_SIDE[peer.transport]] as number);
    }
    return {
      name: "peers",
      rows,
      details: {
        deltas,
        ...counts,
        sides: Object.fromEntries(Object.entries(sides).map(([id, side]) => [id, side.transport])),
        peers: opened.peers.map((peer: Peer) => ({ id: peer.id, label: peer.label, transport: peer.transport, package: peer.package, report: peer.report?.() })),
        medianTurnMs: turnMs,
        peerTurnMsOverSwitchyard: versusSwitchyard,
        turnMsSamples: samples,
        // Includes the warm-up rounds; the turn samples do not.
        firstDeltaMsSamples: firstDelta,
      },
    };
  } finally {
    await opened?.close();
    await host?.close();
    await socket?.close();
    await http.close();
    await emulator.close();
  }
};
