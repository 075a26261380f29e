/**
 * decode: the client's per-event work alone, without sockets or a server. The 20,000-delta SSE
 * body the stream benches serve is fed in 64 KiB pieces (a network read's size) to Switchyard's
 * HTTP decode path — the transport's SSE decoder and the Responses codec, one batch per piece,
 * consumed as the stream benches consume batches — and to the raw baseline's (TextDecoder,
 * eventsource-parser, JSON.parse, the same consumer work). In one process and with no I/O, the
 * figure does not drift with the machine as the socket rows do, so it shows what per-event cost
 * the batch path adds.
 */
import type { UnifiedEvent } from "@switchyard/sdk";
import { createSseDecoder, responsesApi } from "@switchyard/transports";
import { createParser } from "eventsource-parser";
import { applyEvent, applyFrame, emptyOutcome, type TurnOutcome } from "./clients.js";
import { interleave, median, medianNoise, now, type Bench } from "./harness.js";
import { renderSse, renderStream } from "./stream-frames.js";

const DELTAS = 20_000;
const PIECE_BYTES = 64 * 1024;

export const decode: Bench = async ({ quick }) => {
  const body = renderSse(renderStream(DELTAS, "resp_decode"));
  const pieces: Buffer[] = [];
  for (let at = 0; at < body.length; at += PIECE_BYTES) pieces.push(body.subarray(at, at + PIECE_BYTES));
  const api = responsesApi("openai-responses");
  let expected: string | undefined;
  const check = (side: string, outcome: TurnOutcome): void => {
    expected ??= outcome.text;
    if (outcome.deltas !== DELTAS || outcome.text !== expected) throw new Error(`decode ${side}: got ${outcome.deltas} deltas, expected ${DELTAS} and the same text`);
  };

  const switchyard = async (): Promise<number> => {
    const start = now();
    const outcome = emptyOutcome();
    const wire = api.createDecoder({ transport: "http", input: "full" });
    let batch: UnifiedEvent[] = [];
    const sse = createSseDecoder((frame) => wire.decode(frame, batch));
    const deliver = () => {
      const ready = batch;
      batch = [];
      for (let at = 0; at < ready.length; at++) applyEvent(outcome, ready[at] as UnifiedEvent);
    };
    for (const piece of pieces) {
      sse.feed(piece);
      deliver();
    }
    sse.end();
    deliver();
    const ms = now() - start;
    check("switchyard", outcome);
    return ms;
  };

  // RawHttpClient.turn's parse loop, fed from memory.
  const baseline = async (): Promise<number> => {
    const start = now();
    const outcome = emptyOutcome();
    let done = false;
    const parser = createParser({
      onEvent(event) {
        if (done || event.data === "[DONE]") return;
        done = applyFrame(outcome, JSON.parse(event.data) as Record<string, unknown>);
      },
    });
    const decoder = new TextDecoder();
    for (const piece of pieces) parser.feed(decoder.decode(piece, { stream: true }));
    const ms = now() - start;
    check("baseline", outcome);
    return ms;
  };

  const counts = quick ? { warmup: 10, rounds: 20 } : { warmup: 20, rounds: 80 };
  const samples = await interleave({ switchyard, baseline }, counts);
  const rates = (ms: readonly number[]) => ms.map((each) => DELTAS / (each / 1000));
  return {
    name: "decode",
    rows: [
      {
        metric: `${DELTAS.toLocaleString("en-US")}-delta SSE body, 64 KiB pieces, batch path`,
        unit: "deltas/s",
        better: "higher",
        switchyard: DELTAS / (median(samples.switchyard) / 1000),
        baselineLabel: "TextDecoder + eventsource-parser + JSON.parse",
        baseline: DELTAS / (median(samples.baseline) / 1000),
        noise: medianNoise(rates(samples.switchyard), rates(samples.baseline)),
        note: "no sockets: the transport's SSE decoder and the Responses codec, a batch per piece, against the raw parse loop",
      },
    ],
    details: { deltas: DELTAS, pieceBytes: PIECE_BYTES, pieces: pieces.length, ...counts, msSamples: samples },
  };
};
