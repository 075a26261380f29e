import type { Host } from "@switchyard/core";
import type { ConversationCache } from "./continuation.js";
import type { GatewayKey } from "./keys.js";
import type { Logger } from "./logger.js";
import type { GatewayMetrics } from "./metrics.js";

/** The limits a gateway enforces, with their defaults applied. */
export interface GatewayLimits {
  maxBodyBytes: number;
  maxConcurrentStreams: number;
  drainMs: number;
  websocketMaxAgeMs: number;
}

/** The limits when config sets none: 4 MiB bodies, 256 streams, 30 s drain, 60-minute websockets. */
export const DEFAULT_LIMITS: GatewayLimits = {
  maxBodyBytes: 4 * 1024 * 1024,
  maxConcurrentStreams: 256,
  drainMs: 30_000,
  // The Responses API's websocket connections last 60 minutes.
  websocketMaxAgeMs: 60 * 60_000,
};

/** What every handler of one gateway shares. */
export interface GatewayContext {
  host: Host;
  keys: readonly GatewayKey[];
  limits: GatewayLimits;
  metrics: GatewayMetrics;
  log: Logger;
  cache: ConversationCache;
  /** Removes provider secrets from any text bound for a client or a log line. */
  scrub(text: string): string;
  /** Turns in flight; each aborts its upstream turn when the gateway stops waiting. */
  readonly turns: Set<AbortController>;
  draining: boolean;
}

/** Reserves a stream slot; false when the limit is reached. The returned release is idempotent. */
export function reserveStream(context: GatewayContext, controller: AbortController): (() => void) | undefined {
  if (context.turns.size >= context.limits.maxConcurrentStreams) return undefined;
  context.turns.add(controller);
  context.metrics.streamsInFlight.set(context.turns.size);
  return () => {
    if (!context.turns.delete(controller)) return;
    context.metrics.streamsInFlight.set(context.turns.size);
  };
}

/** A scrubber for the given secret values (short ones are left: they would mangle ordinary text). */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  const values = [...new Set(secrets.filter((secret) => secret.length >= 6))].sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text;
    for (const secret of values) if (result.includes(secret)) result = result.split(secret).join("[redacted]");
    return result;
  };
}
