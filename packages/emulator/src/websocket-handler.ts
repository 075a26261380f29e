/**
 * WebSocket mode: the upgrade at `{base}/responses` and one `WebSocketSession` per connection,
 * holding its continuation cache, its stream_id lanes and its age limit.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { WebSocket, type RawData, type WebSocketServer } from "ws";
import { apiError, errorBody, errorEvent, type ApiError } from "./api-error.js";
import { hasBearer } from "./auth.js";
import { isApiError, type ContinuationCache, type Engine } from "./engine.js";
import { matchProfile, type Profile } from "./profiles.js";
import { newRequestId, rateLimitsEvent, responseHeaders } from "./response-metadata.js";
import type { ScriptedTurn } from "./script-queue.js";
import { describeRequest } from "./stats.js";
import type { EventSink } from "./stream-runner.js";
import { encodeTextFrame } from "./websocket-frames.js";
import { bearerRefusal } from "./token-check.js";

// Above this many buffered bytes a sender waits for the socket, so long streams cannot flood memory.
const highWaterBytes = 1024 * 1024;

const statusText: Record<number, string> = { 401: "Unauthorized", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error" };

/** Answers an upgrade request with a plain HTTP response and drops the socket. */
export function rejectUpgrade(socket: Duplex, status: number, body: string): void {
  const head =
    `HTTP/1.1 ${status} ${statusText[status] ?? "Error"}\r\n` +
    `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
    `x-request-id: ${newRequestId()}\r\nconnection: close\r\n\r\n`;
  socket.end(head + body, () => socket.destroy());
}

/** The `headers` listener of the websocket server: the service's metadata on every 101 answer. */
export function addUpgradeHeaders(headers: string[], req: IncomingMessage): void {
  const match = matchProfile(new URL(req.url ?? "/", "http://emulator.invalid").pathname);
  if (!match) return;
  for (const [name, value] of Object.entries(responseHeaders(match.profile, newRequestId()))) headers.push(`${name}: ${value}`);
}

export interface UpgradeContext {
  engine: Engine;
  wss: WebSocketServer;
  sessions: Set<WebSocketSession>;
  connectionAgeMs: (profile: Profile) => number;
}

/** Handles the server's `upgrade` event. */
export function handleUpgrade(context: UpgradeContext, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const { engine } = context;
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const match = matchProfile(url.pathname);
  if (!match) return rejectUpgrade(socket, 404, errorBody(apiError(404, "unknown_url", `Unknown path ${url.pathname}.`)));
  const { profile } = match;
  const counters = engine.stats.counters(profile.name, "websocket");
  const credentials = hasBearer(req.headers.authorization);
  counters.upgradesAttempted += 1;
  if (credentials) counters.credentialsSeen += 1;
  if (engine.faults.take("refuse", profile.name, "websocket")) {
    socket.destroy();
    return;
  }
  const statusFault = engine.faults.take("upgrade-status", profile.name, "websocket");
  if (statusFault) {
    const body = statusFault.body ?? errorBody(apiError(statusFault.status, "upgrade_rejected", `Injected upgrade status ${statusFault.status}.`));
    return rejectUpgrade(socket, statusFault.status, body);
  }
  if (match.rest !== "/responses") {
    return rejectUpgrade(socket, 404, errorBody(apiError(404, "unknown_url", `No websocket endpoint at ${url.pathname}; use ${profile.basePath}/responses.`)));
  }
  const refusal = bearerRefusal(engine.issuer, profile.name, req.headers.authorization);
  if (refusal) return rejectUpgrade(socket, 401, errorBody(refusal, profile.errorShape));
  const maxAgeMs = engine.faults.take("connection-age", profile.name, "websocket")?.maxAgeMs ?? context.connectionAgeMs(profile);
  context.wss.handleUpgrade(req, socket, head, (ws) => {
    counters.upgradesAccepted += 1;
    const session = new WebSocketSession(engine, profile, ws, socket, url.pathname, maxAgeMs);
    context.sessions.add(session);
    ws.on("close", () => {
      session.dispose();
      context.sessions.delete(session);
    });
  });
}

/** One websocket connection: messages in, events out, one response at a time per lane. */
export class WebSocketSession {
  readonly #engine: Engine;
  readonly #profile: Profile;
  readonly #ws: WebSocket;
  /** The upgraded socket under `#ws`: scripted turns with websocketChunkBytes write to it directly. */
  readonly #socket: Duplex;
  readonly #path: string;
  readonly #cache: ContinuationCache = new Map();
  /** Tail of each stream_id lane; a new response waits for the one before it. */
  readonly #lanes = new Map<string, Promise<void>>();
  #inFlight = 0;
  #ageTimer: NodeJS.Timeout | undefined;

  constructor(engine: Engine, profile: Profile, ws: WebSocket, socket: Duplex, path: string, maxAgeMs: number) {
    this.#engine = engine;
    this.#socket = socket;
    this.#profile = profile;
    this.#ws = ws;
    this.#path = path;
    ws.on("message", (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on("error", () => ws.terminate());
    this.#ageTimer = setTimeout(() => this.#expire(maxAgeMs), maxAgeMs);
  }

  dispose(): void {
    clearTimeout(this.#ageTimer);
  }

  terminate(): void {
    this.dispose();
    this.#ws.terminate();
  }

  get profileName(): Profile["name"] {
    return this.#profile.name;
  }

  /** Closes the connection as a restarting server would (1012 Service Restart by default). */
  disconnect(code: number): void {
    this.dispose();
    this.#ws.close(code, "emulator disconnect");
  }

  #send(event: Record<string, unknown>): void {
    if (this.#ws.readyState === WebSocket.OPEN) this.#ws.send(JSON.stringify(event));
  }

  #expire(maxAgeMs: number): void {
    const minutes = Math.round(maxAgeMs / 60_000);
    const limit = minutes >= 1 ? `${minutes} minutes` : `${maxAgeMs} ms`;
    this.#send(
      errorEvent(
        apiError(400, "websocket_connection_limit_reached", `Responses websocket connection limit reached (${limit}). Create a new websocket connection to continue.`),
        undefined,
      ),
    );
    if (this.#ws.readyState === WebSocket.OPEN) this.#ws.close(1000, "connection age limit");
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    this.#engine.stats.counters(this.#profile.name, "websocket").bytesReceived += bytes.length;
    let message: unknown;
    try {
      message = isBinary ? undefined : JSON.parse(bytes.toString("utf8"));
    } catch {
      message = undefined;
    }
    if (typeof message !== "object" || message === null || Array.isArray(message)) {
      return this.#send(errorEvent(apiError(400, "invalid_json", "Could not parse the message as a JSON object. Send a text frame with a JSON event."), undefined));
    }
    const body = { ...(message as Record<string, unknown>) };
    const streamId = typeof body["stream_id"] === "string" ? body["stream_id"] : undefined;
    if (body["type"] !== "response.create") {
      const type = JSON.stringify(body["type"]);
      return this.#send(errorEvent(apiError(400, "unknown_event_type", `Unsupported event type ${type}; send "response.create".`, "type"), streamId));
    }
    this.#engine.stats.logRequest(describeRequest(this.#profile.name, "websocket", this.#path, body, true));
    if (this.#profile.singleInFlight && this.#inFlight > 0) {
      const error = apiError(400, "concurrent_response_limit", "Another response is in progress on this connection; wait for it to finish or open another connection.");
      return this.#send(errorEvent(error, streamId));
    }
    // Transport-only fields of the HTTP body are not part of a websocket create.
    delete body["type"];
    delete body["stream"];
    delete body["background"];
    const scripted = this.#engine.scripts.take(this.#profile.name, "websocket");
    const lane = streamId ?? "";
    this.#inFlight += 1;
    const previous = this.#lanes.get(lane) ?? Promise.resolve();
    const next = previous
      .then(() => this.#serve(body, streamId, scripted))
      .catch(() => undefined)
      .finally(() => {
        this.#inFlight -= 1;
        if (this.#lanes.get(lane) === next) this.#lanes.delete(lane);
      });
    this.#lanes.set(lane, next);
  }

  async #serve(body: Record<string, unknown>, streamId: string | undefined, scripted: ScriptedTurn | undefined): Promise<void> {
    if (this.#ws.readyState !== WebSocket.OPEN) return;
    if (scripted) return this.#serveScripted(scripted);
    const { name } = this.#profile;
    const statusFault = this.#engine.faults.take("http-status", name, "websocket", { warmup: body["generate"] === false });
    if (statusFault) {
      const fallbackCode = statusFault.status === 429 ? "rate_limit_exceeded" : "server_error";
      const error: ApiError = apiError(statusFault.status, statusFault.code ?? fallbackCode, statusFault.message ?? `Injected status ${statusFault.status}.`);
      return this.#send(errorEvent(error, streamId));
    }
    const prepared = this.#engine.prepare(this.#profile, "websocket", body, this.#cache);
    if (isApiError(prepared)) return this.#send(errorEvent(prepared, streamId));
    const rateLimits = rateLimitsEvent(this.#profile, prepared.context.createdAt);
    if (rateLimits) this.#send(streamId === undefined ? rateLimits : { ...rateLimits, stream_id: streamId });
    await prepared.run(this.#sink(), streamId, this.#cache);
  }

  async #serveScripted(turn: ScriptedTurn): Promise<void> {
    let sent: Promise<void> = Promise.resolve();
    const step = turn.websocketChunkBytes;
    // Raw pieces only without permessage-deflate (a compressed message needs ws to encode it); all
    // pieces are out before any close frame follows.
    if (step !== undefined && this.#ws.extensions === "") await this.#writePieces(turn.frames, step);
    else for (const frame of turn.frames) {
      if (this.#ws.readyState !== WebSocket.OPEN) return;
      const data = typeof frame === "string" ? frame : JSON.stringify(frame);
      sent = new Promise((resolve) => this.#ws.send(data, () => resolve()));
    }
    if (turn.destroy) {
      // The frames must leave before the socket drops, or the scenario would lose its last frames.
      await sent;
      this.#ws.terminate();
    } else if (turn.closeCode !== undefined) this.#ws.close(turn.closeCode);
  }

  /** Writes the encoded frames straight to the socket in `step`-byte pieces, a turn of the event loop apart. */
  async #writePieces(frames: ScriptedTurn["frames"], step: number): Promise<void> {
    const socket = this.#socket;
    const bytes = Buffer.concat(frames.map((frame) => encodeTextFrame(typeof frame === "string" ? frame : JSON.stringify(frame))));
    for (let start = 0; start < bytes.length; start += step) {
      if (this.#ws.readyState !== WebSocket.OPEN) return;
      const piece = bytes.subarray(start, start + step);
      await new Promise<void>((resolve) => socket.write(piece, () => resolve()));
      await yieldToLoop();
    }
  }

  #sink(): EventSink {
    const ws = this.#ws;
    // The send of the latest event: a destroying cut waits for it so "after N events" means N arrived.
    let flushed: Promise<void> = Promise.resolve();
    return {
      transport: "websocket",
      isOpen: () => ws.readyState === WebSocket.OPEN,
      write: (event) => {
        const data = JSON.stringify(event);
        flushed = new Promise<void>((resolve) => ws.send(data, () => resolve()));
        return ws.bufferedAmount < highWaterBytes ? undefined : flushed;
      },
      cut: (closeCode, destroy) => {
        if (destroy) void flushed.then(() => ws.terminate());
        else ws.close(closeCode ?? 1011);
      },
    };
  }
}
