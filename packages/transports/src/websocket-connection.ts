import WebSocket from "ws";
import { MalformedFrameError, parseFrame, type ServerFrame } from "./sse-decoder.js";
import type { TurnSignal } from "./turn-control.js";

/** Receives the frames of one response lane; `end` is called once when the lane can get no more. */
export interface LaneHandler {
  frame(frame: ServerFrame): void;
  end(reason: LaneEnd): void;
}

export type LaneEnd = { kind: "closed"; closeCode: number } | { kind: "malformed"; error: MalformedFrameError };

/** Why a connection could not be opened. */
export type OpenFailure =
  | { kind: "status"; status: number }
  | { kind: "error"; error: Error }
  | { kind: "aborted" };

const REMEMBERED_RESPONSES = 32;

/**
 * One pooled WebSocket-mode connection. It routes frames to lanes (one unnamed lane, or
 * `stream_id` lanes when several responses share the connection) and remembers the ids of the
 * responses completed on it, which is what makes `previous_response_id` usable here.
 */
export class WebSocketConnection {
  readonly openedAt = Date.now();
  readonly key: string;
  private readonly socket: WebSocket;
  private readonly lanes = new Map<string, LaneHandler>();
  private single: LaneHandler | undefined;
  private readonly completed: string[] = [];
  private closedCode: number | undefined;
  private readonly closedPromise: Promise<void>;
  /** Called once when the socket closed, for the pool to forget it. */
  onClosed: (() => void) | undefined;

  private constructor(key: string, socket: WebSocket) {
    this.key = key;
    this.socket = socket;
    this.closedPromise = new Promise((resolve) => {
      socket.once("close", (code: number) => {
        this.closedCode = code;
        this.endAll({ kind: "closed", closeCode: code });
        this.onClosed?.();
        resolve();
      });
    });
    socket.on("message", (data: WebSocket.RawData, isBinary: boolean) => this.receive(data, isBinary));
  }

  /** Opens a socket; resolves when the upgrade completed, or with why it failed. Never throws. */
  static open(
    key: string,
    url: string,
    headers: Record<string, string>,
    signal: TurnSignal,
    track: (socket: WebSocket) => void,
  ): Promise<WebSocketConnection | OpenFailure> {
    return new Promise((resolve) => {
      let settled = false;
      let status: number | undefined;
      // Redirects are never followed: credentials would go to wherever Location points.
      const socket = new WebSocket(url, { headers, followRedirects: false, perMessageDeflate: false });
      track(socket);
      const settle = (result: WebSocketConnection | OpenFailure): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", onAbort);
        resolve(result);
      };
      const onAbort = (): void => {
        settle({ kind: "aborted" });
        socket.terminate();
      };
      socket.on("error", (error: Error) => {
        settle(status !== undefined ? { kind: "status", status } : { kind: "error", error });
      });
      socket.once("unexpected-response", (_request, response) => {
        status = response.statusCode ?? 0;
        response.resume();
        settle({ kind: "status", status });
        socket.terminate();
      });
      socket.once("close", () => settle({ kind: "error", error: new Error("closed during the upgrade") }));
      socket.once("open", () => settle(new WebSocketConnection(key, socket)));
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  get isOpen(): boolean {
    return this.closedCode === undefined && this.socket.readyState === WebSocket.OPEN;
  }

  /** Out of the pool (closed, aged out, or hit its limit): no new turn may use it; it closes when its last lane ends. */
  retired = false;

  /** Turns that were handed this connection and have not started their lane yet. */
  private reserved = 0;

  /** Responses in flight on this connection, counting turns that reserved a lane. */
  get inFlight(): number {
    return this.lanes.size + (this.single ? 1 : 0) + this.reserved;
  }

  /**
   * Holds a lane for a turn that got this connection: taken synchronously when the pool hands it
   * out, so another turn cannot pick the same free lane before this one's `start()` (an await
   * lies between them). `start()` uses it up; a turn that never starts gives it back with `unreserve()`.
   */
  reserve(): void {
    this.reserved++;
  }

  unreserve(): void {
    if (this.reserved > 0) this.reserved--;
  }

  ageMs(now = Date.now()): number {
    return now - this.openedAt;
  }

  holds(responseId: string): boolean {
    return this.completed.includes(responseId);
  }

  /** Records a response completed here; returns the id that no longer fits, if one was dropped. */
  remember(responseId: string): string | undefined {
    if (!responseId || this.holds(responseId)) return undefined;
    this.completed.push(responseId);
    return this.completed.length > REMEMBERED_RESPONSES ? this.completed.shift() : undefined;
  }

  /** The ids of the responses this connection remembers completing. */
  completedIds(): readonly string[] {
    return this.completed;
  }

  /** Starts a response on a lane (`streamId` undefined: the connection's single lane) and sends its message. */
  start(streamId: string | undefined, handler: LaneHandler, message: string): void {
    this.unreserve();
    if (!this.isOpen) {
      // Closed between being picked and being used: the lane ends at once instead of waiting.
      handler.end({ kind: "closed", closeCode: this.closedCode ?? 1006 });
      return;
    }
    if (streamId === undefined) this.single = handler;
    else this.lanes.set(streamId, handler);
    this.socket.send(message);
  }

  /** The lane finished its response; the connection is free for another. */
  release(streamId: string | undefined, handler: LaneHandler): void {
    if (streamId === undefined) {
      if (this.single === handler) this.single = undefined;
    } else if (this.lanes.get(streamId) === handler) this.lanes.delete(streamId);
  }

  /** Closes cleanly (close handshake) and waits for the socket to be gone, terminating after `graceMs`. */
  async close(graceMs = 1000): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return this.closedPromise;
    if (this.socket.readyState !== WebSocket.CLOSING) this.socket.close(1000);
    const timer = setTimeout(() => this.socket.terminate(), graceMs);
    await this.closedPromise;
    clearTimeout(timer);
  }

  /** Drops the socket at once: a half-read response must not linger for the next turn. */
  terminate(): void {
    this.socket.terminate();
  }

  closed(): Promise<void> {
    return this.closedPromise;
  }

  private receive(data: WebSocket.RawData, isBinary: boolean): void {
    let frame: ServerFrame;
    try {
      if (isBinary) throw new MalformedFrameError("binary frame");
      frame = parseFrame(textOf(data));
    } catch (error) {
      const malformed = error instanceof MalformedFrameError ? error : new MalformedFrameError(error);
      this.endAll({ kind: "malformed", error: malformed });
      this.socket.terminate();
      return;
    }
    if (this.single !== undefined) {
      this.single.frame(frame);
      return;
    }
    const streamId = frame.stream_id;
    const lane = typeof streamId === "string" ? this.lanes.get(streamId) : undefined;
    if (lane) lane.frame(frame);
    else if (this.lanes.size === 1 && frame.type === "error") {
      // A connection-level error without a lane can only concern the one response in flight.
      for (const only of this.lanes.values()) only.frame(frame);
    }
  }

  private endAll(reason: LaneEnd): void {
    const single = this.single;
    this.single = undefined;
    single?.end(reason);
    const lanes = [...this.lanes.values()];
    this.lanes.clear();
    for (const lane of lanes) lane.end(reason);
  }
}

function textOf(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}
