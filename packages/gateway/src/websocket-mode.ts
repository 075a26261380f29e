import type { ModelSession } from "@switchyard/core";
import { WebSocket } from "ws";
import { reserveStream, type GatewayContext } from "./context.js";
import { parseCreateRequest } from "./create-request.js";
import { bodyInvalid, connectionLimitReached, responseInFlight, tooManyStreams } from "./errors.js";
import { toClientError } from "./openai-error.js";
import { pickSession, runTurn } from "./turn.js";

/**
 * One client connection in the Responses WebSocket mode (GET /v1/responses): `response.create`
 * messages in, the same events as SSE out. As the real service: one response in flight per
 * connection, `previous_response_id` continues a response served on this connection (its
 * conversation is kept here), and at the age limit the connection gets
 * `websocket_connection_limit_reached` and closes; the client opens a new one.
 */
export class WebSocketConnection {
  /** Response id → the session whose latest response it is. */
  private readonly sessions = new Map<string, ModelSession>();
  private controller: AbortController | undefined;
  private readonly ageTimer: NodeJS.Timeout;
  private expired = false;

  constructor(
    private readonly context: GatewayContext,
    private readonly ws: WebSocket,
    private readonly requestId: string,
    private readonly keyId: string,
  ) {
    ws.on("message", (data, isBinary) => void this.onMessage(data.toString(), isBinary));
    ws.on("close", () => this.dispose());
    this.ageTimer = setTimeout(() => this.expire(), context.limits.websocketMaxAgeMs);
    this.ageTimer.unref();
  }

  /** Ends the connection (drain or close): the turn in flight is aborted. */
  close(code: number, reason: string): void {
    this.controller?.abort();
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(code, reason);
  }

  private dispose(): void {
    clearTimeout(this.ageTimer);
    this.controller?.abort();
    this.sessions.clear();
  }

  private expire(): void {
    this.expired = true;
    if (this.controller) return; // answered when the response in flight ends
    this.sendError(connectionLimitReached(this.context.limits.websocketMaxAgeMs));
    this.close(1000, "connection age limit");
  }

  private async onMessage(text: string, isBinary: boolean): Promise<void> {
    let message: unknown;
    try {
      message = isBinary ? undefined : JSON.parse(text);
    } catch {
      message = undefined;
    }
    if (typeof message !== "object" || message === null || (message as { type?: unknown }).type !== "response.create") {
      return this.sendError(bodyInvalid('expected a JSON text message { "type": "response.create", … }', "type"));
    }
    if (this.controller) return this.sendError(responseInFlight());
    const fields = message as Record<string, unknown>;
    // Older clients nest the create body under `response`.
    const body = typeof fields["response"] === "object" && fields["response"] !== null ? (fields["response"] as Record<string, unknown>) : fields;
    const controller = new AbortController();
    const release = reserveStream(this.context, controller);
    if (!release) return this.sendError(tooManyStreams(this.context.limits.maxConcurrentStreams));
    this.controller = controller;
    const started = performance.now();
    const log: Record<string, unknown> = { requestId: this.requestId, key: this.keyId, mode: "websocket" };
    try {
      const request = parseCreateRequest(body);
      log["model"] = request.model;
      const { session, input } = pickSession(this.context, request, {
        take: (id) => {
          const found = this.sessions.get(id);
          this.sessions.delete(id);
          return found;
        },
      });
      const outcome = await runTurn(this.context, request, session, input, controller.signal, {
        start: () => undefined,
        event: (event) => this.sendText(event.json),
      });
      if (!outcome.error && outcome.builder.finished) this.sessions.set(outcome.builder.responseId, session);
      Object.assign(log, { provider: outcome.provider, transport: outcome.transport, responseId: outcome.builder.responseId, error: outcome.error ? (outcome.error as { code?: unknown }).code : undefined });
      this.context.metrics.requests.inc({ provider: outcome.provider ?? "unknown", transport: outcome.transport ?? "unknown", mode: "websocket", status: outcome.error ? "error" : "ok" });
    } catch (error) {
      if (!controller.signal.aborted) this.sendError(error);
      log["error"] = (error as { code?: unknown }).code;
      this.context.metrics.requests.inc({ provider: "unknown", transport: "unknown", mode: "websocket", status: String(toClientError(error, this.context.scrub).status) });
    } finally {
      release();
      this.controller = undefined;
      log["ms"] = Math.round(performance.now() - started);
      this.context.log[log["error"] ? "warn" : "info"](log, "responses websocket turn");
      if (this.expired) this.expire();
    }
  }

  private sendText(text: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  /** The API's websocket error event: status at the top, the OpenAI error nested. */
  private sendError(error: unknown): void {
    const { status, body } = toClientError(error, this.context.scrub);
    this.sendText(JSON.stringify({ type: "error", status, error: body.error }));
  }
}
