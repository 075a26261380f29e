/**
 * The gateway benchmarks. `switchyard serve` runs in its own process, as deployed; the emulator
 * in another; the client here.
 * - gateway: one long SSE response through the gateway versus the same client calling the
 *   emulator directly (time to first delta, deltas/s), interleaved round by round.
 * - gateway-concurrency: 200 concurrent streams through one gateway (errors, the gateway's peak
 *   RSS) beside the same 200 straight to the emulator.
 * - gateway-continuation: the bytes that reach the upstream over a 10-turn conversation from a
 *   stateless client (full resend each turn), with upstream continuation on versus off.
 */
import { MODEL, RawHttpClient, userMessage, type TurnOutcome } from "./clients.js";
import { startEmulatorProcess } from "./emulator-process.js";
import { startGatewayProcess } from "./gateway-process.js";
import { interleave, median, now, withTimeout, type Bench } from "./harness.js";

const REF = `openai/${MODEL}`;

export const gatewayOverhead: Bench = async ({ quick }) => {
  const deltas = quick ? 5_000 : 20_000;
  const counts = quick ? { warmup: 2, rounds: 7 } : { warmup: 3, rounds: 15 };
  const emulator = await startEmulatorProcess();
  const client = new RawHttpClient();
  try {
    await emulator.serveFrames(deltas);
    const gateway = await startGatewayProcess({ providers: { openai: { ...emulator.frames, transport: "http" } } });
    try {
      const firstDelta = { switchyard: [] as number[], baseline: [] as number[] };
      const measure = async (side: "switchyard" | "baseline"): Promise<number> => {
        const start = now();
        const outcome: TurnOutcome =
          side === "switchyard"
            ? await withTimeout(client.turn(`${gateway.url}/v1/responses`, { model: REF, input: [userMessage("stream")] }), 60_000, "gateway turn")
            : await withTimeout(client.turn(`${emulator.frames.baseUrl}/responses`, { model: MODEL, store: false, input: [userMessage("stream")] }), 60_000, "direct turn");
        const elapsed = now() - start;
        if (outcome.deltas !== deltas) throw new Error(`gateway bench ${side}: got ${outcome.deltas} deltas, expected ${deltas}`);
        firstDelta[side].push(outcome.firstDeltaAt - start);
        return elapsed;
      };
      const samples = await interleave({ switchyard: () => measure("switchyard"), baseline: () => measure("baseline") }, counts);
      const first = { switchyard: median(firstDelta.switchyard.slice(-counts.rounds)), baseline: median(firstDelta.baseline.slice(-counts.rounds)) };
      const turn = { switchyard: median(samples.switchyard), baseline: median(samples.baseline) };
      return {
        name: "gateway",
        rows: [
          { metric: "time to first delta", unit: "ms", better: "lower", switchyard: first.switchyard, baselineLabel: "same client, emulator directly", baseline: first.baseline, note: "through switchyard serve (own process, key check, host.session)" },
          {
            metric: `${deltas.toLocaleString("en-US")}-delta turn`,
            unit: "deltas/s",
            better: "higher",
            switchyard: deltas / (turn.switchyard / 1000),
            baselineLabel: "same client, emulator directly",
            baseline: deltas / (turn.baseline / 1000),
            note: "decode upstream SSE, re-encode for the client",
          },
        ],
        details: { deltas, ...counts, turnMsSamples: samples, firstDeltaMs: firstDelta },
      };
    } finally {
      await gateway.close();
    }
  } finally {
    await client.close();
    await emulator.close();
  }
};

export const gatewayConcurrency: Bench = async ({ quick }) => {
  const streams = 200;
  const deltas = quick ? 200 : 1_000;
  const emulator = await startEmulatorProcess();
  const client = new RawHttpClient(streams + 8);
  try {
    await emulator.serveFrames(deltas);
    const gateway = await startGatewayProcess({ providers: { openai: { ...emulator.frames, transport: "http" } } });
    try {
      const burst = async (side: "switchyard" | "baseline") => {
        const started = now();
        const results = await Promise.allSettled(
          Array.from({ length: streams }, (_, index) =>
            side === "switchyard"
              ? client.turn(`${gateway.url}/v1/responses`, { model: REF, input: [userMessage(`stream ${index}`)] })
              : client.turn(`${emulator.frames.baseUrl}/responses`, { model: MODEL, store: false, input: [userMessage(`stream ${index}`)] }),
          ),
        );
        const errors = results.filter((result) => result.status === "rejected" || result.value.deltas !== deltas).length;
        return { errors, ms: now() - started };
      };
      const direct = await withTimeout(burst("baseline"), 120_000, "200 direct streams");
      const through = await withTimeout(burst("switchyard"), 120_000, "200 gateway streams");
      const rss = gateway.peakRss();
      return {
        name: "gateway-concurrency",
        rows: [
          { metric: `errors in ${streams} concurrent streams`, unit: "errors", better: "lower", switchyard: through.errors, baselineLabel: "same client, emulator directly", baseline: direct.errors, note: "must be 0" },
          { metric: `${streams} streams × ${deltas} deltas`, unit: "ms", better: "lower", switchyard: through.ms, baselineLabel: "same client, emulator directly", baseline: direct.ms },
          { metric: "gateway peak RSS", unit: "MiB", better: "lower", switchyard: rss === undefined ? Number.NaN : rss / 2 ** 20, baselineLabel: "—", baseline: undefined, note: "VmHWM of the serve process" },
        ],
        details: { streams, deltas, direct, through, peakRssBytes: rss },
      };
    } finally {
      await gateway.close();
    }
  } finally {
    await client.close();
    await emulator.close();
  }
};

export const gatewayContinuation: Bench = async () => {
  const turns = 10;
  const emulator = await startEmulatorProcess();
  const client = new RawHttpClient();
  try {
    const conversation = async (continuationEntries: number) => {
      const gateway = await startGatewayProcess({ providers: { openai: { ...emulator.endpoints.openai } }, gateway: { continuationEntries } });
      try {
        await emulator.resetStats();
        const items: Array<Record<string, unknown>> = [];
        let clientBytes = 0;
        for (let turn = 1; turn <= turns; turn++) {
          items.push(userMessage(`Turn ${turn}: tell me about the number ${turn}.`));
          const body = { model: REF, input: items };
          clientBytes += Buffer.byteLength(JSON.stringify({ ...body, stream: true }));
          const outcome = await withTimeout(client.turn(`${gateway.url}/v1/responses`, body), 30_000, `continuation turn ${turn}`);
          items.push(...outcome.outputs);
        }
        const stats = await emulator.stats();
        return { clientBytes, upstreamBytes: stats.profiles.openai.websocket.bytesReceived + stats.profiles.openai.http.bytesReceived };
      } finally {
        await gateway.close();
      }
    };
    const on = await conversation(1_000);
    const off = await conversation(0);
    return {
      name: "gateway-continuation",
      rows: [
        {
          metric: `upstream bytes, ${turns}-turn stateless client`,
          unit: "bytes",
          better: "lower",
          switchyard: on.upstreamBytes,
          baselineLabel: "gateway without continuation (full resend upstream)",
          baseline: off.upstreamBytes,
          note: `client sent ${on.clientBytes.toLocaleString("en-US")} bytes`,
        },
        { metric: "upstream ÷ client bytes", unit: "ratio", better: "lower", switchyard: on.upstreamBytes / on.clientBytes, baselineLabel: "without continuation", baseline: off.upstreamBytes / off.clientBytes },
      ],
      details: { turns, on, off },
    };
  } finally {
    await client.close();
    await emulator.close();
  }
};
