/**
 * The streaming benchmarks' shared body: one long text response through a Switchyard session
 * versus the raw baseline client, on the same endpoint, interleaved round by round. The frames
 * come pre-rendered from the frame server in the emulator child (frame-server.ts), so the server
 * costs nothing per frame and the figures are the client's.
 */
import type { Host } from "@switchyard/core";
import { createHttpTransport, createWebSocketTransport, responsesApi, type Transport, type TurnRequest } from "@switchyard/transports";
import { API_KEY, consumeBatches, consumeSession, createBenchHost, MODEL, openRawWebSocket, RawHttpClient, userMessage, type RawWebSocket, type TurnOutcome } from "./clients.js";
import { startEmulatorProcess } from "./emulator-process.js";
import { interleaveAll, median, medianNoise, now, withTimeout, type BenchOptions, type BenchResult, type Row } from "./harness.js";

export async function streamBench(name: string, transport: "http" | "websocket", { quick }: BenchOptions): Promise<BenchResult> {
  // Quick mode takes fewer rounds, not shorter ones: 5,000-delta samples (~10 ms) were short
  // enough for noise to make a session look faster than the raw client.
  const deltas = 20_000;
  // Rounds in multiples of the four sides, so every order of the balanced design runs equally often.
  const counts = quick ? { warmup: 4, rounds: 8 } : { warmup: 4, rounds: 40 };
  const emulator = await startEmulatorProcess();
  let host: Host | undefined;
  let http: RawHttpClient | undefined;
  let socket: RawWebSocket | undefined;
  // The same transport a session uses, driven directly: separates the transport's cost from the session's.
  const direct: Transport = transport === "http" ? createHttpTransport() : createWebSocketTransport();
  try {
    await emulator.serveFrames(deltas);
    const endpoint = emulator.frames;
    host = await createBenchHost(emulator, { openai: { ...endpoint, transport } });
    http = new RawHttpClient();
    socket = transport === "websocket" ? await openRawWebSocket(endpoint.websocketUrl) : undefined;
    const body = { model: MODEL, store: false, input: [userMessage("stream")] };
    const firstDelta = { switchyard: [] as number[], batches: [] as number[], baseline: [] as number[], transport: [] as number[] };
    const request = (): TurnRequest => ({
      provider: "openai",
      url: transport === "http" ? `${endpoint.baseUrl}/responses` : endpoint.websocketUrl,
      origins: [new URL(endpoint.baseUrl).origin],
      headers: { authorization: `Bearer ${API_KEY}` },
      secretHeaders: ["authorization"],
      api: responsesApi("openai-responses"),
      body: { model: MODEL, store: false },
      input: { items: [{ type: "message", role: "user", content: "stream" }], newItems: [{ type: "message", role: "user", content: "stream" }] },
    });

    const measure = async (side: keyof typeof firstDelta, run: () => Promise<TurnOutcome>): Promise<number> => {
      const start = now();
      const outcome = await withTimeout(run(), 60_000, `${name} ${side} turn`);
      const elapsed = now() - start;
      if (outcome.deltas !== deltas) throw new Error(`${name} ${side}: got ${outcome.deltas} deltas, expected ${deltas}`);
      if ((side === "switchyard" || side === "batches") && outcome.transport !== transport) throw new Error(`${name}: the session used ${outcome.transport}`);
      firstDelta[side].push(outcome.firstDeltaAt - start);
      return elapsed;
    };
    const session = host;
    const samples = await interleaveAll(
      {
        transport: () => measure("transport", () => consumeBatches((direct.streamBatches as NonNullable<Transport["streamBatches"]>)(request()))),
        switchyard: () => measure("switchyard", () => consumeSession(session.session(`openai/${MODEL}`).send("stream"))),
        batches: () => measure("batches", () => consumeBatches(session.session(`openai/${MODEL}`).sendBatches("stream"))),
        baseline: () =>
          measure("baseline", () =>
            transport === "http" ? (http as RawHttpClient).turn(`${endpoint.baseUrl}/responses`, body) : (socket as RawWebSocket).turn(body),
          ),
      },
      counts,
    );
    // The warm-up rounds' first-delta times were recorded too: keep the recorded rounds only.
    for (const side of Object.keys(firstDelta) as Array<keyof typeof firstDelta>) firstDelta[side] = firstDelta[side].slice(-counts.rounds);
    const turnMs = { switchyard: median(samples.switchyard), batches: median(samples.batches), baseline: median(samples.baseline), transport: median(samples.transport) };
    // From the first delta to the end: the client's parse-and-deliver rate, without the request
    // and the server's time to first byte.
    const afterFirst = (side: "switchyard" | "batches" | "baseline") => samples[side].map((ms, index) => ms - (firstDelta[side][index] as number));
    const streamSamples = { switchyard: afterFirst("switchyard"), batches: afterFirst("batches"), baseline: afterFirst("baseline") };
    const streamMs = { switchyard: median(streamSamples.switchyard), batches: median(streamSamples.batches), baseline: median(streamSamples.baseline) };
    const baselineLabel = transport === "http" ? "undici + eventsource-parser" : "raw ws client";
    const rates = (ms: readonly number[]) => ms.map((each) => deltas / (each / 1000));
    // A deltas/s row from per-round durations (ms), Switchyard's beside the baseline's; closer than
    // the rounds' spread says, it gets no ratio (quick mode's few rounds must not read as a win).
    const rate = (metric: string, ms: readonly number[], baselineMs: readonly number[], note: string): Row => ({
      metric,
      unit: "deltas/s",
      better: "higher",
      switchyard: deltas / (median(ms) / 1000),
      baselineLabel,
      baseline: deltas / (median(baselineMs) / 1000),
      noise: medianNoise(rates(ms), rates(baselineMs)),
      note,
    });
    const turn = `${deltas.toLocaleString("en-US")}-delta turn`;
    return {
      name,
      rows: [
        rate(`${turn}, batch API`, samples.batches, samples.baseline, "session.sendBatches(): request to last delta; goal ≥ 0.95"),
        rate(`${turn}, per-event API`, samples.switchyard, samples.baseline, "session.send(): request to last delta; goal ≥ 0.85"),
        rate(`${turn}, transport alone`, samples.transport, samples.baseline, `${transport === "http" ? "createHttpTransport" : "createWebSocketTransport"}().streamBatches(), no session`),
        rate("first delta → last delta, batch API", streamSamples.batches, streamSamples.baseline, "client parse+deliver rate"),
        rate("first delta → last delta, per-event API", streamSamples.switchyard, streamSamples.baseline, "client parse+deliver rate"),
        {
          metric: "time to first delta, per-event API",
          unit: "ms",
          better: "lower",
          switchyard: median(firstDelta.switchyard),
          baselineLabel,
          baseline: median(firstDelta.baseline),
        },
      ],
      details: { deltas, ...counts, turnMsSamples: samples, firstDeltaMsSamples: firstDelta, medianTurnMs: turnMs, medianStreamMs: streamMs },
    };
  } finally {
    await host?.close();
    await http?.close();
    await socket?.close();
    await direct.close();
    await emulator.close();
  }
}
