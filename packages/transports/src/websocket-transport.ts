import { eventsOf, type Transport, type TurnRequest, type UnifiedEvent } from "@switchyard/sdk";
import type WebSocket from "ws";
import { beginTurn, credentialFingerprint } from "./credentials.js";
import {
  closedEarly,
  connectFailed,
  malformedFrame,
  protocolUnsupported,
  redirectRefused,
  transportClosed,
  upgradeRejected,
  type FailureContext,
} from "./errors.js";
import { EventLane } from "./event-lane.js";
import { throwTerminal } from "./terminal.js";
import { DEFAULT_TIMEOUTS, type TransportTimeouts } from "./timeouts.js";
import { createTurnControl, type TurnControl } from "./turn-control.js";
import { WebSocketConnection, type OpenFailure } from "./websocket-connection.js";

export interface WebSocketTransportOptions {
  /** Timeouts used when a turn does not set its own. */
  defaultTimeouts?: TransportTimeouts;
  /** How long close() waits for a clean close handshake before dropping a socket. Default 1 s. */
  closeGraceMs?: number;
}

export interface WebSocketTransport extends Transport {
  readonly kind: "websocket";
  /** Sockets this transport holds open or is opening. */
  openConnections(): number;
}

/** An upgrade in progress; up to maxInFlight turns may claim it. */
interface PendingOpen {
  claims: number;
  result: Promise<WebSocketConnection | OpenFailure>;
}

/** Resolves when the turn is aborted or times out (never rejects). */
function interrupted(control: TurnControl): Promise<undefined> {
  const signal = control.signal;
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(undefined), { once: true }));
}

/** Server error codes after which the turn is replayed once, transparently, with the full input. */
const REPLAY_CODES = new Set(["previous_response_not_found", "websocket_connection_limit_reached"]);
const CONNECTION_LIMIT = "websocket_connection_limit_reached";

/** The turn's websocket message as its codec encodes it: the new items after previous_response_id, or all items. */
function createMessage(request: TurnRequest, continuation: boolean, streamId: string | undefined): string {
  const { items, newItems, previousResponseId } = request.input;
  const message = request.api.encode({
    transport: "websocket",
    body: request.body,
    items,
    newItems,
    ...(continuation && previousResponseId !== undefined ? { previousResponseId } : {}),
  });
  if (streamId !== undefined) message.stream_id = streamId;
  return JSON.stringify(message);
}

/**
 * The Responses API in WebSocket mode: `response.create` messages on pooled connections, keyed
 * by URL and a hash of the headers. Continues with previous_response_id plus only the new items
 * when the chosen connection completed that response, else sends the full items; replays once
 * with the full items after previous_response_not_found or websocket_connection_limit_reached.
 * Throws from the iterator: SY_ERR_TRANSPORT_ORIGIN_REFUSED, CONNECT_FAILED, UPGRADE_REJECTED,
 * REDIRECT_REFUSED, CLOSED_EARLY, MALFORMED_FRAME, SERVER_ERROR, RESPONSE_FAILED, TIMEOUT,
 * ABORTED, CLOSED.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions = {}): WebSocketTransport {
  const pool = new Map<string, WebSocketConnection[]>();
  const sockets = new Map<WebSocket, Promise<void>>();
  const pendingOpens = new Map<string, PendingOpen[]>();
  /** Response id → the pooled connection that completed it (each connection remembers its last 32). */
  const holders = new Map<string, WebSocketConnection>();
  const defaults = { ...DEFAULT_TIMEOUTS, ...options.defaultTimeouts };
  let closed = false;
  let laneCounter = 0;

  function track(socket: WebSocket): void {
    sockets.set(
      socket,
      new Promise((resolve) =>
        socket.once("close", () => {
          sockets.delete(socket);
          resolve();
        }),
      ),
    );
  }

  function forget(connection: WebSocketConnection): void {
    connection.retired = true;
    for (const id of connection.completedIds()) if (holders.get(id) === connection) holders.delete(id);
    const list = pool.get(connection.key);
    if (!list) return;
    const index = list.indexOf(connection);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) pool.delete(connection.key);
  }

  function retire(connection: WebSocketConnection): void {
    forget(connection);
    closeIfRetiredAndIdle(connection);
  }

  /** Retired while a turn held it (by another lane's error or age): the last turn out closes it, or it stays open, idle, in no pool. */
  function closeIfRetiredAndIdle(connection: WebSocketConnection): void {
    if (connection.retired && connection.inFlight === 0) void connection.close(options.closeGraceMs);
  }

  function tooOld(connection: WebSocketConnection, maxAgeMs: number | undefined, now: number): boolean {
    return maxAgeMs !== undefined && maxAgeMs > 0 && connection.ageMs(now) >= maxAgeMs;
  }

  /** A pooled connection with a free lane, preferring one that completed `previousResponseId`. Retires idle old ones. */
  function pick(key: string, request: TurnRequest, maxInFlight: number, avoid: WebSocketConnection | undefined) {
    const list = pool.get(key);
    if (!list) return undefined;
    const now = Date.now();
    const maxAgeMs = request.limits?.maxConnectionAgeMs;
    const previous = request.input.previousResponseId;
    // The connection that completed the previous response, looked up rather than searched for:
    // with hundreds of pooled connections the search was a visible share of each turn.
    const holder = previous === undefined ? undefined : holders.get(previous);
    if (
      holder !== undefined &&
      !holder.retired &&
      holder.key === key &&
      holder !== avoid &&
      holder.isOpen &&
      holder.inFlight < maxInFlight &&
      !tooOld(holder, maxAgeMs, now) &&
      holder.holds(previous as string)
    ) {
      return holder;
    }
    // Otherwise the first free one, dropping closed and idle aged-out connections on the way.
    for (let index = 0; index < list.length; index++) {
      const connection = list[index] as WebSocketConnection;
      if (!connection.isOpen) {
        forget(connection);
        index--;
        continue;
      }
      if (tooOld(connection, maxAgeMs, now)) {
        if (connection.inFlight === 0) {
          retire(connection);
          index--;
        }
        continue;
      }
      if (connection !== avoid && connection.inFlight < maxInFlight) return connection;
    }
    return undefined;
  }

  /** The connection completed `responseId`: later turns continuing from it find it at once. */
  function remember(connection: WebSocketConnection, responseId: string): void {
    // A retired connection serves no later turn: pointing one at it would strand that turn there.
    if (connection.retired) return;
    const evicted = connection.remember(responseId);
    holders.set(responseId, connection);
    if (evicted !== undefined && holders.get(evicted) === connection) holders.delete(evicted);
  }

  /**
   * Pools a connection that just opened. Its close handler and age timer are made here, at
   * transport scope, not inside open(): a closure made there would share open()'s scope with the
   * turn that opened the connection (its request, conversation and headers) and keep that turn
   * for as long as the connection lives. An idle connection past its age is closed; a busy one
   * is retired when its response ends.
   */
  function adopt(connection: WebSocketConnection, maxAgeMs: number | undefined): void {
    let connections = pool.get(connection.key);
    if (!connections) pool.set(connection.key, (connections = []));
    connections.push(connection);
    const ageTimer =
      maxAgeMs !== undefined && maxAgeMs > 0
        ? setTimeout(() => {
            if (connection.inFlight === 0) retire(connection);
          }, maxAgeMs).unref()
        : undefined;
    connection.onClosed = () => {
      // Cleared, not left to fire: an armed timer would keep the closed connection (its socket and buffers) for up to its whole age.
      if (ageTimer) clearTimeout(ageTimer);
      forget(connection);
    };
  }

  /** Opens a connection for `key` and pools it; others waiting on the same open may share it. */
  function open(key: string, request: TurnRequest, control: TurnControl): PendingOpen {
    // Read now, so the callback below holds a number and not the request.
    const maxAgeMs = request.limits?.maxConnectionAgeMs;
    const pending: PendingOpen = {
      claims: 1,
      result: WebSocketConnection.open(key, request.url, request.headers, control.signal, track).then((result) => {
        const list = pendingOpens.get(key);
        if (list) {
          list.splice(list.indexOf(pending), 1);
          if (list.length === 0) pendingOpens.delete(key);
        }
        if (!(result instanceof WebSocketConnection)) return result;
        if (closed) {
          result.terminate();
          return { kind: "aborted" } as const;
        }
        adopt(result, maxAgeMs);
        return result;
      }),
    };
    let list = pendingOpens.get(key);
    if (!list) pendingOpens.set(key, (list = []));
    list.push(pending);
    return pending;
  }

  /** A connection with a free lane: pooled, being opened by another turn with room to share, or new. */
  async function acquire(
    key: string,
    request: TurnRequest,
    maxInFlight: number,
    avoid: WebSocketConnection | undefined,
    control: TurnControl,
    context: FailureContext,
  ): Promise<WebSocketConnection> {
    for (;;) {
      const pooled = pick(key, request, maxInFlight, avoid);
      if (pooled) {
        pooled.reserve();
        return pooled;
      }
      control.enter("connect");
      let pending = pendingOpens.get(key)?.find((candidate) => candidate.claims < maxInFlight);
      const shared = pending !== undefined;
      if (pending) pending.claims++;
      else pending = open(key, request, control);
      const result = await Promise.race([pending.result, interrupted(control)]);
      if (control.interruption) throw control.interruption;
      if (closed || result === undefined) throw transportClosed(context);
      if (result instanceof WebSocketConnection) {
        if (result.isOpen && result.inFlight < maxInFlight) {
          result.reserve();
          return result;
        }
        continue;
      }
      // Another turn's open was aborted under us: try again with our own.
      if (shared && result.kind === "aborted") continue;
      if (result.kind === "status") {
        throw result.status >= 300 && result.status < 400
          ? redirectRefused(context, result.status)
          : upgradeRejected(context, result.status);
      }
      throw connectFailed(context, result.kind === "error" ? result.error : "aborted");
    }
  }

  async function* streamBatches(request: TurnRequest): AsyncGenerator<readonly UnifiedEvent[]> {
    const context = beginTurn("websocket", request, closed);
    if (request.api.framing.websocket === undefined) throw protocolUnsupported(context, request.api.id);
    const key = `${request.url}#${credentialFingerprint(request.headers)}`;
    const maxInFlight = Math.max(1, Math.floor(request.limits?.maxInFlight ?? 1));
    const control = createTurnControl(context, { ...defaults, ...request.timeouts }, request.signal);
    let connection: WebSocketConnection | undefined;
    let lane: EventLane | undefined;
    let streamId: string | undefined;
    let active = false;
    // An aborted or timed-out turn drops its socket at once, even while the consumer is not pulling.
    const onInterrupt = (): void => {
      lane?.wake();
      if (active) connection?.terminate();
    };
    control.onInterrupt(onInterrupt);
    let replayed = false;
    /** The connection holds a lane for this turn that start() has not used yet. */
    let reserved = false;
    let avoid: WebSocketConnection | undefined;
    try {
      for (;;) {
        connection = await acquire(key, request, maxInFlight, avoid, control, context);
        reserved = true;
        if (control.interruption) throw control.interruption;
        const continuation =
          !replayed &&
          request.api.continues === true &&
          request.input.previousResponseId !== undefined &&
          connection.holds(request.input.previousResponseId);
        streamId = maxInFlight > 1 ? `lane-${++laneCounter}` : undefined;
        lane = new EventLane(request.api.createDecoder({ transport: "websocket", input: continuation ? "continuation" : "full" }));
        control.enter("first-event");
        // Encoded before sending, so a codec's own error surfaces as itself, not as a closed socket.
        const message = createMessage(request, continuation, streamId);
        active = true;
        reserved = false;
        try {
          connection.start(streamId, lane, message);
        } catch {
          lane.end({ kind: "closed", closeCode: 1006 });
        }
        for (;;) {
          if (control.interruption) throw control.interruption;
          const terminal = lane.terminal;
          const batch = lane.take();
          if (batch.length === 0 && terminal === undefined) {
            if (lane.failure !== undefined) throw malformedFrame(context, lane.failure);
            const ended = lane.ended;
            if (ended !== undefined) {
              active = false;
              if (closed) throw transportClosed(context);
              if (ended.kind === "malformed") throw malformedFrame(context, ended.error);
              throw closedEarly(context, ended.closeCode);
            }
            await lane.wait();
            continue;
          }
          control.activity();
          if (terminal !== undefined) {
            // Settle the connection before the last batch goes out: a consumer may stop pulling
            // right after response-end, and the connection must stay pooled and know this id.
            connection.release(streamId, lane);
            active = false;
            if (
              terminal.kind === "server-error" &&
              !replayed &&
              context.eventsReceived === 0 &&
              batch.length === 0 &&
              terminal.code !== undefined &&
              REPLAY_CODES.has(terminal.code)
            ) {
              // The server lost the continuation state (or the connection hit its limit): replay the
              // whole conversation once; the consumer sees only the replayed response.
              replayed = true;
              if (terminal.code === CONNECTION_LIMIT) {
                avoid = connection;
                retire(connection);
              } else closeIfRetiredAndIdle(connection);
              break;
            }
            if (terminal.kind === "response-end" && lane.responseId) remember(connection, lane.responseId);
            // An error event inside a started response may still be followed by its response.failed
            // (recorded streams do this): such frames would land in the next turn's lane.
            const tailMayFollow = terminal.kind === "server-error" && lane.responseId !== undefined;
            if (tailMayFollow || tooOld(connection, request.limits?.maxConnectionAgeMs, Date.now())) retire(connection);
            else closeIfRetiredAndIdle(connection);
          }
          if (batch.length > 0) {
            context.eventsReceived += batch.length;
            yield batch;
          }
          if (terminal === undefined) continue;
          throwTerminal(terminal, context);
          return;
        }
      }
    } finally {
      control.dispose();
      if (reserved && connection) {
        connection.unreserve();
        closeIfRetiredAndIdle(connection);
      }
      if (active && connection) {
        // Stopped mid-response (error, abort, consumer broke out): the rest of that response
        // would arrive on this socket, so it cannot serve another turn.
        connection.release(streamId, lane as EventLane);
        forget(connection);
        connection.terminate();
      }
    }
  }

  return {
    kind: "websocket",
    streamBatches,
    stream: (request) => eventsOf(streamBatches(request)),
    openConnections: () => sockets.size,
    async close() {
      closed = true;
      const connections = [...pool.values()].flat();
      pool.clear();
      holders.clear();
      const pooled = new Set<WebSocketConnection>(connections);
      for (const connection of pooled) {
        if (connection.inFlight === 0) void connection.close(options.closeGraceMs);
        else connection.terminate();
      }
      // Sockets still upgrading belong to no connection yet.
      const waits = [...sockets.values()];
      const grace = setTimeout(() => {
        for (const socket of sockets.keys()) socket.terminate();
      }, (options.closeGraceMs ?? 1000) + 100);
      for (const socket of sockets.keys()) {
        if (socket.readyState === socket.CONNECTING) socket.terminate();
      }
      await Promise.all(waits);
      clearTimeout(grace);
    },
  };
}
