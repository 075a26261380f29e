import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { GatewayConfig, Host } from "@switchyard/core";
import { WebSocketServer } from "ws";
import { ConversationCache } from "./continuation.js";
import { DEFAULT_LIMITS, secretScrubber, type GatewayContext, type GatewayLimits } from "./context.js";
import { draining, keysRequired, listenFailed, notFound, unauthorized } from "./errors.js";
import { requestId, sendError, sendJson } from "./http-io.js";
import { authenticate } from "./keys.js";
import { createLogger, type Logger } from "./logger.js";
import { GatewayMetrics } from "./metrics.js";
import { toClientError } from "./openai-error.js";
import { handleCreate } from "./responses-http.js";
import { healthBody, listModels, readiness, sendMetrics } from "./status-routes.js";
import { WebSocketConnection } from "./websocket-mode.js";

export interface GatewayOptions {
  host: Host;
  /** `gateway` from the config file: client keys and limits. */
  config?: GatewayConfig;
  /** Where the host reads provider credentials: their values are scrubbed from every answer and log line. */
  env?: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
  /** Overrides of the limits (tests shorten the websocket age limit). */
  limits?: Partial<GatewayLimits>;
}

export interface Gateway {
  /** http://host:port once listening. */
  readonly url: string;
  readonly server: Server;
  /** Starts listening. @throws SY_ERR_GATEWAY_LISTEN_FAILED, SY_ERR_GATEWAY_KEYS_REQUIRED (no keys, off loopback) */
  listen(port: number, hostname?: string): Promise<string>;
  /**
   * Graceful stop (SIGTERM): refuses new requests (503, /readyz not ready), waits up to
   * `deadlineMs` for in-flight responses, then aborts what is left and closes every connection.
   */
  drain(deadlineMs?: number): Promise<{ drained: number; aborted: number }>;
  /** drain(0). */
  close(): Promise<void>;
}

/** An OpenAI-compatible Responses gateway over `host`. Every request goes through host.session(). */
export function createGateway(options: GatewayOptions): Gateway {
  const { host } = options;
  const config = options.config;
  const limits: GatewayLimits = {
    maxBodyBytes: config?.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes,
    maxConcurrentStreams: config?.maxConcurrentStreams ?? DEFAULT_LIMITS.maxConcurrentStreams,
    drainMs: config?.drainMs ?? DEFAULT_LIMITS.drainMs,
    websocketMaxAgeMs: DEFAULT_LIMITS.websocketMaxAgeMs,
    ...options.limits,
  };
  const env = options.env ?? process.env;
  const secrets = host.providers().providers.flatMap((provider) => provider.auth.env.map((name) => env[name] ?? ""));
  const context: GatewayContext = {
    host,
    keys: config?.keys ?? [],
    limits,
    metrics: new GatewayMetrics(),
    log: options.logger ?? createLogger(),
    cache: new ConversationCache(config?.continuationEntries ?? 1000),
    scrub: secretScrubber(secrets),
    turns: new Set(),
    draining: false,
  };
  const connections = new Set<WebSocketConnection>();
  // The id an upgrade was logged under, for the 101 response's x-request-id.
  const upgradeIds = new WeakMap<IncomingMessage, string>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxBodyBytes });
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => void route(req, res));
  server.on("upgrade", (req, socket, head) => upgrade(req, socket, head));
  let url = "";

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = requestId(req);
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    try {
      if (req.method === "GET" && path === "/healthz") return sendJson(res, 200, { ok: true });
      if (req.method === "GET" && path === "/readyz") {
        const { status, body } = readiness(context);
        return sendJson(res, status, body);
      }
      if (req.method === "GET" && path === "/metrics") return await sendMetrics(context, res);
      const key = authenticate(req.headers, context.keys);
      if (key.id === undefined) throw unauthorized(key.presented);
      if (req.method === "POST" && path === "/v1/responses") {
        if (context.draining) throw draining();
        return await handleCreate(context, req, res, id, key.id);
      }
      if (req.method === "GET" && path === "/v1/models") return sendJson(res, 200, listModels(host), { "x-request-id": id });
      if (req.method === "GET" && path === "/v1/switchyard/health") return sendJson(res, 200, healthBody(host), { "x-request-id": id });
      throw notFound(req.method ?? "?", path);
    } catch (error) {
      const status = sendError(res, error, context.scrub, { "x-request-id": id });
      context.log.warn({ requestId: id, method: req.method, path, status, error: (error as { code?: unknown }).code }, "request refused");
    }
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const id = requestId(req);
    upgradeIds.set(req, id);
    const path = (req.url ?? "/").split("?")[0];
    const key = authenticate(req.headers, context.keys);
    const refusal = path !== "/v1/responses" ? notFound("GET", path ?? "/") : key.id === undefined ? unauthorized(key.presented) : context.draining ? draining() : undefined;
    if (refusal) {
      const { status, body } = toClientError(refusal, context.scrub);
      const text = JSON.stringify(body);
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : status === 404 ? "Not Found" : "Service Unavailable"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nx-request-id: ${id}\r\nconnection: close\r\n\r\n${text}`);
      context.log.warn({ requestId: id, path, status, mode: "websocket" }, "websocket upgrade refused");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new WebSocketConnection(context, ws, id, key.id as string);
      connections.add(connection);
      ws.on("close", () => connections.delete(connection));
    });
  }

  wss.on("headers", (headers, req) => headers.push(`x-request-id: ${upgradeIds.get(req) ?? requestId(req)}`));

  async function drain(deadlineMs = limits.drainMs): Promise<{ drained: number; aborted: number }> {
    context.draining = true;
    const inFlight = context.turns.size;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = Date.now() + deadlineMs;
    while (context.turns.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const aborted = context.turns.size;
    for (const controller of context.turns) controller.abort();
    for (const connection of connections) connection.close(1001, "gateway shutting down");
    await new Promise((resolve) => setTimeout(resolve, 20));
    server.closeAllConnections();
    wss.close();
    await closed;
    context.log.info({ drained: inFlight - aborted, aborted }, "gateway stopped");
    return { drained: inFlight - aborted, aborted };
  }

  return {
    get url() {
      return url;
    },
    server,
    listen: (port, hostname = "127.0.0.1") =>
      new Promise<string>((resolve, reject) => {
        if (context.keys.length === 0 && !isLoopback(hostname)) {
          reject(keysRequired(hostname));
          return;
        }
        server.once("error", (error) => reject(listenFailed(`${hostname}:${port}`, error)));
        server.listen(port, hostname, () => {
          const address = server.address();
          const actual = typeof address === "object" && address ? address.port : port;
          const shown = hostname.includes(":") ? `[${hostname}]` : hostname;
          url = `http://${shown}:${actual}`;
          context.log.info({ url, keys: context.keys.length, healthStore: host.healthStatus() }, "gateway listening");
          resolve(url);
        });
      }),
    drain,
    close: async () => {
      await drain(0);
    },
  };
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "::1" || hostname === "[::1]" || /^127\./.test(hostname);
}
