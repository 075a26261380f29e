import type { InputItem, UnifiedEvent } from "@switchyard/sdk";
import type { Host, ModelSession } from "@switchyard/core";
import type { ConversationCache } from "./continuation.js";
import type { CreateRequest } from "./create-request.js";
import { GatewayErrorCode, previousResponseNotFound } from "./errors.js";
import type { Logger } from "./logger.js";
import type { GatewayMetrics } from "./metrics.js";
import { ResponseBuilder, type WireEvent } from "./response-builder.js";

/** Where a turn runs, known at its first event; the gateway sends them as x-switchyard-* headers. */
export interface TurnFacts {
  /** provider/model that answers (for a route alias: the candidate). */
  route: string;
  provider: string;
  transport: string;
  /** Why this transport: the selector's last reason (e.g. websocket-cooling-down), or transport-fallback. */
  reason: string;
  responseId: string;
}

/** Where a turn's output goes: told once where it runs, then every wire event. */
export interface TurnSink {
  /** Called before the first wire event, when the route and transport are known. */
  start(facts: TurnFacts): void;
  event(event: WireEvent): void;
  /** The events of one upstream read have all been given: a sink that buffers writes them now. */
  flush?(): void;
}

export interface TurnDeps {
  host: Host;
  cache: ConversationCache;
  metrics: GatewayMetrics;
  log: Logger;
}

/** What a served turn reports for logs and headers. */
export interface TurnOutcome {
  builder: ResponseBuilder;
  provider: string | undefined;
  transport: string | undefined;
  continued: boolean;
  /** A failure after the first event (already sent to the client as an `error` event). */
  error: unknown;
}

/** The session a request continues, and what it sends: reuse by previous_response_id or by prefix, else a new one. */
export function pickSession(deps: TurnDeps, request: CreateRequest, sessions: { take(id: string): ModelSession | undefined } | undefined): {
  session: ModelSession;
  input: InputItem[];
  continued: boolean;
} {
  if (request.previousResponseId !== undefined) {
    const session = (sessions ?? { take: (id: string) => deps.cache.takeByResponse(id) }).take(request.previousResponseId);
    if (!session) throw previousResponseNotFound(request.previousResponseId);
    return { session, input: request.items, continued: true };
  }
  const kept = sessions ? undefined : deps.cache.take(request);
  if (kept) {
    deps.metrics.continuations.inc();
    return { session: kept.session, input: kept.newItems, continued: true };
  }
  const session = deps.host.session(request.model, { instructions: request.instructions, tools: request.tools, body: request.extra });
  return { session, input: request.items, continued: false };
}

/**
 * Runs one turn through `session` and feeds `sink`. A failure before the first event is thrown
 * (the caller answers with a status); after it, the stream ends with an `error` event and the
 * outcome carries the failure.
 */
export async function runTurn(deps: TurnDeps, request: CreateRequest, session: ModelSession, input: InputItem[], signal: AbortSignal, sink: TurnSink): Promise<TurnOutcome> {
  const builder = new ResponseBuilder({ model: request.model, instructions: request.instructions, tools: request.tools, previousResponseId: request.previousResponseId, body: request.extra });
  const outcome: TurnOutcome = { builder, provider: undefined, transport: undefined, continued: false, error: undefined };
  const started = performance.now();
  let begun = false;
  let fellBack = false;
  try {
    // One upstream read is one batch, and one batch leaves as one write where the sink buffers.
    for await (const batch of session.sendBatches(input, { signal })) {
      for (const event of batch) {
        notice(deps, event, session.lastRoute?.provider);
        if (event.type === "transport-fallback") fellBack = true;
        if (event.type === "response-start") {
          const route = session.lastRoute;
          outcome.provider = route?.provider;
          outcome.transport = event.transport;
          deps.metrics.timeToFirstEvent.observe({ provider: route?.provider ?? "unknown", transport: event.transport }, (performance.now() - started) / 1000);
          if (!begun) {
            const reason = fellBack ? "transport-fallback" : route?.transport.probe ? "half-open-probe" : (route?.trace.at(-1)?.reason ?? "unknown");
            sink.start({ route: route ? `${route.provider}/${route.model}` : request.model, provider: route?.provider ?? "unknown", transport: event.transport, reason, responseId: event.responseId });
          }
          begun = true;
        }
        for (const wire of builder.add(event)) sink.event(wire);
      }
      sink.flush?.();
    }
  } catch (error) {
    if (!begun) throw error;
    const coded = error as { code?: unknown; message?: unknown };
    sink.event(builder.errorEvent(typeof coded.code === "string" ? coded.code : GatewayErrorCode.internal, typeof coded.message === "string" ? coded.message : "The upstream stream failed."));
    sink.flush?.();
    outcome.error = error;
  }
  return outcome;
}

function notice(deps: TurnDeps, event: UnifiedEvent, provider: string | undefined): void {
  if (event.type === "transport-fallback") {
    deps.metrics.fallbacks.inc({ provider: provider ?? "unknown" });
    deps.log.warn({ event: "transport-fallback", code: event.code, reason: event.reason }, "websocket failed before the first event; falling back to http");
  } else if (event.type === "route-failover") {
    deps.metrics.failovers.inc({ route: event.route, from: event.from, to: event.to });
    deps.log.warn({ event: "route-failover", route: event.route, from: event.from, to: event.to, code: event.code }, "route candidate failed; next candidate answers");
  }
}
