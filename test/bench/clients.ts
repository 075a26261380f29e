/**
 * What the benchmarks drive: a Switchyard host pointed at the emulator child, and the baselines
 * written the way a careful application would without Switchyard — raw undici + eventsource-parser
 * for HTTP SSE, a raw `ws` client for WebSocket mode. Both sides do the same consumer work: count
 * the text deltas and keep the text.
 */
import { fileURLToPath } from "node:url";
import { createHost, type Host } from "@switchyard/core";
import type { UnifiedEvent } from "@switchyard/sdk";
import { createParser } from "eventsource-parser";
import { Agent } from "undici";
import WebSocket from "ws";
import type { EmulatorProcess } from "./emulator-process.js";

export const EXTENSIONS = fileURLToPath(new URL("../../../extensions", import.meta.url));
export const API_KEY = "sk-bench-not-a-secret";
export const ENV = { OPENAI_API_KEY: API_KEY, XAI_API_KEY: API_KEY, OPENAI_CODEX_ACCESS_TOKEN: API_KEY, OPENAI_CODEX_ACCOUNT_ID: "acct-bench" };
export const MODEL = "gpt-5.4";

export const TOOLS = [
  {
    type: "function" as const,
    name: "get_weather",
    description: "Weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
];

/** A host with the shipped extensions, every provider pointed at the emulator child. */
export async function createBenchHost(emulator: Pick<EmulatorProcess, "endpoints">, overrides: Record<string, Record<string, unknown>> = {}): Promise<Host> {
  const providers: Record<string, Record<string, unknown>> = {
    openai: { ...emulator.endpoints.openai },
    xai: { ...emulator.endpoints.xai },
  };
  for (const [id, settings] of Object.entries(overrides)) providers[id] = { ...providers[id], ...settings };
  return createHost({ extensions: [EXTENSIONS], config: { providers }, env: ENV });
}

/** What one turn delivered to its consumer. */
export interface TurnOutcome {
  deltas: number;
  text: string;
  responseId: string | undefined;
  /** performance.now() when the first text delta reached the consumer. */
  firstDeltaAt: number;
  /** Output items to send back on the next turn (HTTP full resend). */
  outputs: Array<Record<string, unknown>>;
  /** The function call of this turn, if the model made one. */
  call: { callId: string; name: string; arguments: string } | undefined;
  /** The transport the response came over (Switchyard only). */
  transport: string | undefined;
  /** Whether the request continued from the previous response or carried everything (Switchyard only). */
  input: string | undefined;
}

/** Applies one Switchyard event to the outcome: the same consumer work the baselines do per frame. */
export function applyEvent(outcome: TurnOutcome, event: UnifiedEvent): void {
  switch (event.type) {
    case "text-delta":
      if (outcome.deltas++ === 0) outcome.firstDeltaAt = performance.now();
      outcome.text += event.delta;
      break;
    case "response-start":
      outcome.responseId = event.responseId;
      outcome.transport = event.transport;
      outcome.input = event.input;
      break;
    case "tool-call-end":
      outcome.call = { callId: event.callId, name: event.name, arguments: event.arguments };
      break;
    default:
      break;
  }
}

/** Consumes a Switchyard turn one event at a time (`send()`, `Transport.stream()`), the way the baselines consume theirs. */
export async function consumeSession(events: AsyncIterable<UnifiedEvent>): Promise<TurnOutcome> {
  const outcome = emptyOutcome();
  for await (const event of events) applyEvent(outcome, event);
  return outcome;
}

/** Consumes a Switchyard turn batch by batch (`sendBatches()`, `Transport.streamBatches()`). */
export async function consumeBatches(batches: AsyncIterable<readonly UnifiedEvent[]>): Promise<TurnOutcome> {
  const outcome = emptyOutcome();
  for await (const batch of batches) {
    for (let at = 0; at < batch.length; at++) applyEvent(outcome, batch[at] as UnifiedEvent);
  }
  return outcome;
}

/** Applies one parsed Responses event to the outcome; true on the terminal event. */
export function applyFrame(outcome: TurnOutcome, frame: Record<string, unknown>): boolean {
  switch (frame["type"]) {
    case "response.output_text.delta":
      if (outcome.deltas++ === 0) outcome.firstDeltaAt = performance.now();
      outcome.text += frame["delta"] as string;
      return false;
    case "response.created":
      outcome.responseId = (frame["response"] as { id: string }).id;
      return false;
    case "response.output_item.done": {
      const item = frame["item"] as Record<string, unknown>;
      if (item["type"] === "function_call") {
        outcome.call = { callId: item["call_id"] as string, name: item["name"] as string, arguments: item["arguments"] as string };
        outcome.outputs.push({ type: "function_call", call_id: item["call_id"], name: item["name"], arguments: item["arguments"] });
      } else if (item["type"] === "message") {
        outcome.outputs.push({ type: "message", role: "assistant", content: [{ type: "output_text", text: outcome.text }] });
      }
      return false;
    }
    case "response.completed":
    case "response.incomplete":
      return true;
    case "response.failed":
    case "error":
      throw new Error(`server error: ${JSON.stringify(frame).slice(0, 300)}`);
    default:
      return false;
  }
}

export function emptyOutcome(): TurnOutcome {
  return { deltas: 0, text: "", responseId: undefined, firstDeltaAt: 0, outputs: [], call: undefined, transport: undefined, input: undefined };
}

/** The HTTP baseline: a keep-alive undici pool, POST with stream: true, eventsource-parser, JSON.parse. */
export class RawHttpClient {
  readonly agent: Agent;

  constructor(connections = 16) {
    // The same pool settings as Switchyard's HTTP transport, so pooling is not what differs.
    this.agent = new Agent({ keepAliveTimeout: 30_000, connections, headersTimeout: 0, bodyTimeout: 0 });
  }

  async turn(url: string, body: Record<string, unknown>): Promise<TurnOutcome> {
    const target = new URL(url);
    const response = await this.agent.request({
      origin: target.origin,
      path: target.pathname,
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ ...body, stream: true }),
    });
    if (response.statusCode !== 200) {
      const text = await response.body.text();
      throw new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`);
    }
    const outcome = emptyOutcome();
    let done = false;
    let failure: unknown;
    const parser = createParser({
      onEvent(event) {
        if (done || failure !== undefined || event.data === "[DONE]") return;
        try {
          done = applyFrame(outcome, JSON.parse(event.data) as Record<string, unknown>);
        } catch (error) {
          failure = error;
        }
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body) {
      parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
      if (failure !== undefined) throw failure;
    }
    if (!done) throw new Error("the SSE stream ended before response.completed");
    return outcome;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** Opens a raw ws client; rejects with the HTTP status when the upgrade is refused. */
export function openRawWebSocket(url: string): Promise<RawWebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${API_KEY}` }, perMessageDeflate: false, followRedirects: false });
    socket.once("open", () => resolve(new RawWebSocket(socket)));
    socket.once("unexpected-response", (_request, response) => {
      response.resume();
      socket.terminate();
      reject(new Error(`upgrade rejected: HTTP ${response.statusCode}`));
    });
    socket.once("error", (error) => reject(error));
  });
}

/** The WebSocket baseline: one connection, one response.create at a time, JSON.parse per message. */
export class RawWebSocket {
  #current: { outcome: TurnOutcome; resolve(outcome: TurnOutcome): void; reject(error: unknown): void } | undefined;
  readonly closed: Promise<void>;

  constructor(readonly socket: WebSocket) {
    socket.on("message", (data: Buffer) => {
      const current = this.#current;
      if (!current) return;
      try {
        if (applyFrame(current.outcome, JSON.parse(data.toString("utf8")) as Record<string, unknown>)) {
          this.#current = undefined;
          current.resolve(current.outcome);
        }
      } catch (error) {
        this.#current = undefined;
        current.reject(error);
      }
    });
    this.closed = new Promise((resolve) =>
      socket.once("close", () => {
        this.#current?.reject(new Error("the websocket closed mid-response"));
        this.#current = undefined;
        resolve();
      }),
    );
  }

  turn(body: Record<string, unknown>): Promise<TurnOutcome> {
    return new Promise((resolve, reject) => {
      this.#current = { outcome: emptyOutcome(), resolve, reject };
      this.socket.send(JSON.stringify({ type: "response.create", ...body }));
    });
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1000);
    const timer = setTimeout(() => this.socket.terminate(), 1_000);
    await this.closed;
    clearTimeout(timer);
  }
}

export function userMessage(text: string): Record<string, unknown> {
  return { type: "message", role: "user", content: text };
}
