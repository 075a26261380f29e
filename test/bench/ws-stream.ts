/**
 * ws-stream: a 20,000-delta response over WebSocket mode through a Switchyard session versus a raw
 * `ws` client on one open connection (deltas per second).
 */
import type { Bench } from "./harness.js";
import { streamBench } from "./stream-common.js";

export const wsStream: Bench = (options) => streamBench("ws-stream", "websocket", options);
