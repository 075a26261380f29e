import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** The gateway's Prometheus metrics (GET /metrics). Labels carry ids, never credentials. */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: "switchyard_gateway_requests_total",
    help: "Responses requests answered, by provider, transport, mode and status",
    labelNames: ["provider", "transport", "mode", "status"] as const,
    registers: [this.registry],
  });
  readonly streamsInFlight = new Gauge({ name: "switchyard_gateway_streams_in_flight", help: "Responses being served right now", registers: [this.registry] });
  readonly timeToFirstEvent = new Histogram({
    name: "switchyard_gateway_time_to_first_event_seconds",
    help: "From request to the first upstream event, by provider and transport",
    labelNames: ["provider", "transport"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly fallbacks = new Counter({
    name: "switchyard_gateway_transport_fallbacks_total",
    help: "Websocket turns that fell back to HTTP before their first event",
    labelNames: ["provider"] as const,
    registers: [this.registry],
  });
  readonly failovers = new Counter({
    name: "switchyard_gateway_route_failovers_total",
    help: "Turns a route moved from one candidate to the next",
    labelNames: ["route", "from", "to"] as const,
    registers: [this.registry],
  });
  readonly cooldowns = new Gauge({
    name: "switchyard_gateway_cooldowns",
    help: "Transport health entries by provider, transport and state (cooling-down, probe-due, half-open)",
    labelNames: ["provider", "transport", "state"] as const,
    registers: [this.registry],
  });
  readonly continuations = new Counter({
    name: "switchyard_gateway_continuations_total",
    help: "Stateless requests served by continuing a kept conversation upstream",
    registers: [this.registry],
  });
}
