/**
 * http-stream: a 20,000-delta response over HTTP SSE through a Switchyard session versus raw
 * undici + eventsource-parser against the same emulator endpoint (deltas per second).
 */
import type { Bench } from "./harness.js";
import { streamBench } from "./stream-common.js";

export const httpStream: Bench = (options) => streamBench("http-stream", "http", options);
