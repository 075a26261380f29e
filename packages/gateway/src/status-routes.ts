import type { ServerResponse } from "node:http";
import type { Host } from "@switchyard/core";
import type { GatewayContext } from "./context.js";

/** GET /v1/models: every provider's declared models as provider/model, then the route aliases. */
export function listModels(host: Host): { object: "list"; data: Array<{ id: string; object: "model"; created: number; owned_by: string }> } {
  const data: Array<{ id: string; object: "model"; created: number; owned_by: string }> = [];
  for (const provider of host.providers().providers) {
    if (provider.configError) continue;
    const ids = new Set([...(provider.models.default ? [provider.models.default] : []), ...provider.models.known, ...Object.keys(provider.models.aliases)]);
    for (const id of ids) data.push({ id: `${provider.id}/${id}`, object: "model", created: 0, owned_by: provider.id });
  }
  for (const alias of Object.keys(host.routes())) data.push({ id: alias, object: "model", created: 0, owned_by: "switchyard-route" });
  return { object: "list", data };
}

/** GET /v1/switchyard/health: the health entries with state, reason, until, failures, last failure. */
export function healthBody(host: Host): Record<string, unknown> {
  return {
    object: "list",
    store: host.healthStatus(),
    data: host.health().map((entry) => ({
      key: entry.key,
      provider: entry.provider,
      transport: entry.transport,
      origin: entry.origin,
      state: entry.state,
      reason: entry.reason,
      since: new Date(entry.since).toISOString(),
      until: new Date(entry.until).toISOString(),
      failures: entry.failures,
      cooldownMs: entry.cooldownMs,
      lastFailure: { code: entry.lastFailure.code, message: entry.lastFailure.message, at: new Date(entry.lastFailure.at).toISOString() },
    })),
  };
}

/**
 * GET /readyz: 503 while draining. A degraded shared health store keeps the instance ready (it
 * serves on its local memory) but says so, so operators see it without every instance leaving
 * the load balancer when Redis goes down.
 */
export function readiness(context: GatewayContext): { status: number; body: Record<string, unknown> } {
  const store = context.host.healthStatus();
  const ready = !context.draining;
  return { status: ready ? 200 : 503, body: { ready, draining: context.draining, healthStore: store, streamsInFlight: context.turns.size } };
}

/** GET /metrics: Prometheus text; the cool-down gauge is read from health memory at scrape time. */
export async function sendMetrics(context: GatewayContext, res: ServerResponse): Promise<void> {
  const { cooldowns } = context.metrics;
  cooldowns.reset();
  for (const entry of context.host.health()) cooldowns.inc({ provider: entry.provider, transport: entry.transport, state: entry.state });
  const text = await context.metrics.registry.metrics();
  res.writeHead(200, { "content-type": context.metrics.registry.contentType });
  res.end(text);
}
