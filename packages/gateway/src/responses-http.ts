import type { IncomingMessage, ServerResponse } from "node:http";
import { reserveStream, type GatewayContext } from "./context.js";
import { parseCreateRequest } from "./create-request.js";
import { tooManyStreams } from "./errors.js";
import { readJsonBody, sendError, sendJson } from "./http-io.js";
import { pickSession, runTurn, type TurnSink } from "./turn.js";

/**
 * POST /v1/responses: SSE when `stream: true`, JSON otherwise. Headers wait for the first
 * upstream event, so x-switchyard-transport tells the transport that answered (after any
 * fallback) and a failure before it is a proper status in the OpenAI error shape. A client that
 * disconnects aborts the upstream turn.
 */
export async function handleCreate(context: GatewayContext, req: IncomingMessage, res: ServerResponse, requestId: string, keyId: string): Promise<void> {
  const started = performance.now();
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.on("close", onClose);
  const release = reserveStream(context, controller);
  const fields: Record<string, unknown> = { requestId, key: keyId, method: "POST", path: "/v1/responses" };
  let status = 200;
  try {
    if (!release) throw tooManyStreams(context.limits.maxConcurrentStreams);
    const { json, bytes } = await readJsonBody(req, context.limits.maxBodyBytes);
    const request = parseCreateRequest(json);
    Object.assign(fields, { model: request.model, stream: request.stream, bytes });
    const { session, input, continued } = pickSession(context, request, undefined);
    let pending = "";
    const flush = () => {
      if (pending !== "" && !res.destroyed) res.write(pending);
      pending = "";
    };
    const sink: TurnSink = request.stream
      ? {
          start: (facts) => {
            res.writeHead(200, {
              "content-type": "text/event-stream; charset=utf-8",
              "cache-control": "no-cache",
              "x-request-id": requestId,
              "x-switchyard-route": facts.route,
              "x-switchyard-transport": facts.transport,
              "x-switchyard-reason": facts.reason,
            });
          },
          // Buffered per upstream read (runTurn flushes after each batch): one read in, one HTTP chunk out.
          event: (event) => {
            pending += `event: ${event.type}\ndata: ${event.json}\n\n`;
          },
          flush,
        }
      : { start: () => undefined, event: () => undefined };
    let headers: Record<string, string> = {};
    const wrapped: TurnSink = {
      start: (facts) => {
        headers = { "x-switchyard-route": facts.route, "x-switchyard-transport": facts.transport, "x-switchyard-reason": facts.reason };
        sink.start(facts);
      },
      event: (event) => sink.event(event),
      flush: () => sink.flush?.(),
    };
    const outcome = await runTurn(context, request, session, input, controller.signal, wrapped);
    Object.assign(fields, { provider: outcome.provider, transport: outcome.transport, continued, responseId: outcome.builder.responseId });
    if (!outcome.error && outcome.builder.finished) context.cache.keep(request, session, outcome.builder.responseId);
    if (outcome.error) fields["error"] = controller.signal.aborted ? "client-disconnected" : errorCode(outcome.error);
    if (controller.signal.aborted) status = 499;
    if (request.stream) {
      flush();
      res.end();
    }
    else sendJson(res, 200, outcome.builder.response(), { "x-request-id": requestId, ...headers });
    context.metrics.requests.inc({ provider: outcome.provider ?? "unknown", transport: outcome.transport ?? "unknown", mode: request.stream ? "sse" : "json", status: outcome.error ? "error" : "ok" });
  } catch (error) {
    if (controller.signal.aborted) {
      status = 499;
      fields["error"] = "client-disconnected";
    } else {
      status = sendError(res, error, context.scrub, { "x-request-id": requestId });
      fields["error"] = errorCode(error);
    }
    context.metrics.requests.inc({ provider: "unknown", transport: "unknown", mode: "http", status: String(status) });
  } finally {
    release?.();
    res.off("close", onClose);
    fields["status"] = status;
    fields["ms"] = Math.round(performance.now() - started);
    const level = status >= 500 ? "error" : status >= 400 || fields["error"] ? "warn" : "info";
    context.log[level](fields, "responses request");
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : "unknown";
}
