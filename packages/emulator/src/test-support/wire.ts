/**
 * Test helpers that speak raw HTTP and WebSocket, so tests assert exactly what is on the wire.
 */
import { request } from "node:http";
import { WebSocket } from "ws";

export interface SseEvent {
  event: string | undefined;
  data: string;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Size of each chunk the client received. */
  chunkSizes: number[];
  /** Whether the body ended with an error (socket destroyed mid-body). */
  aborted: boolean;
}

export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split("\n\n")) {
    if (block.trim() === "") continue;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event: ")) event = line.slice(7);
      else if (line.startsWith("data: ")) data.push(line.slice(6));
    }
    events.push({ event, data: data.join("\n") });
  }
  return events;
}

export function sseJson(result: HttpResult): Array<Record<string, unknown> & { type: string }> {
  return parseSse(result.text).map((event) => JSON.parse(event.data) as Record<string, unknown> & { type: string });
}

/** One HTTP request on a fresh connection (no keep-alive), collecting the raw body. */
export function httpRequest(
  url: string,
  options: { method?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string>; auth?: boolean } = {},
): Promise<HttpResult> {
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { ...(options.auth === false ? {} : { authorization: "Bearer test-key" }), ...options.headers };
  if (payload !== undefined) headers["content-type"] = "application/json";
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? (payload === undefined ? "GET" : "POST"), headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      const chunkSizes: number[] = [];
      let aborted = false;
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        chunkSizes.push(chunk.length);
      });
      const finish = (): void =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8"), chunkSizes, aborted });
      res.on("aborted", () => (aborted = true));
      res.on("error", () => {
        aborted = true;
      });
      res.on("close", finish);
    });
    req.on("error", reject);
    req.end(payload);
  });
}

export type WsMessage = Record<string, unknown> & { type: string };

/** A raw ws client that records every text message and the close. */
export class WireSocket {
  readonly ws: WebSocket;
  readonly raw: string[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters: Array<() => void> = [];

  constructor(url: string, headers: Record<string, string> = { authorization: "Bearer test-key" }) {
    this.ws = new WebSocket(url, { headers, perMessageDeflate: false });
    this.ws.on("message", (data) => {
      this.raw.push(data.toString());
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("unexpected-response", (_req, res) => reject(Object.assign(new Error(`upgrade status ${res.statusCode}`), { status: res.statusCode })));
      this.ws.once("error", reject);
    });
    this.opened.catch(() => undefined);
    this.closed = new Promise((resolve) => this.ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  get messages(): WsMessage[] {
    return this.raw.map((text) => JSON.parse(text) as WsMessage);
  }

  send(event: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(event));
  }

  /** Waits until `count` messages satisfy `predicate`. */
  async waitFor(predicate: (message: WsMessage) => boolean, count = 1, timeoutMs = 5_000): Promise<WsMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const matches = this.raw.flatMap((text) => {
        try {
          const parsed = JSON.parse(text) as WsMessage;
          return predicate(parsed) ? [parsed] : [];
        } catch {
          return [];
        }
      });
      if (matches.length >= count) return matches;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} messages; got ${this.raw.length}: ${this.raw.slice(-3).join(" | ")}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await this.closed;
  }
}

export const isTerminal = (message: WsMessage): boolean =>
  message.type === "response.completed" || message.type === "response.failed" || message.type === "error";
