/**
 * What the Chat Completions and Anthropic Messages dialects share: reading the request with the
 * same faults and stats as the Responses endpoints, asking the scripted model, and streaming the
 * dialect's frames through the shared stream runner (so delay, error-event and cut behave alike).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Item } from "./conversation.js";
import type { Engine } from "./engine.js";
import type { FaultOf } from "./faults.js";
import { drained, parseJsonObject, readBody } from "./http-handler.js";
import type { ProfileName } from "./profiles.js";
import { planResponse, planUsage, type ModelPlan, type ModelUsage } from "./scripted-model.js";
import { sseHeaders } from "./sse.js";
import { describeRequest } from "./stats.js";
import { runEvents, type EventSink, type FailureEvents, type RunOutcome } from "./stream-runner.js";
import type { WireEvent } from "./response-events.js";

/** How a dialect answers an error before any stream: its own status and body shape. */
export type SendDialectError = (res: ServerResponse, status: number, code: string, message: string, headers?: Record<string, string>) => void;

/** A parsed request, or undefined when it was already answered (refused, unparsable, faulted). */
export async function admitRequest(
  engine: Engine,
  profile: ProfileName,
  req: IncomingMessage,
  res: ServerResponse,
  options: { credentials: boolean; sendError: SendDialectError; itemsField: string },
): Promise<Record<string, unknown> | undefined> {
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const bytes = await readBody(req);
  engine.stats.counters(profile, "http").bytesReceived += bytes?.length ?? 0;
  const body = bytes ? parseJsonObject(bytes) : null;
  const described = body ? { ...body, input: body[options.itemsField] } : null;
  engine.stats.logRequest(describeRequest(profile, "http", url.pathname, described, options.credentials));
  if (engine.faults.take("refuse", profile, "http")) {
    req.socket.destroy();
    return undefined;
  }
  if (!body) {
    const what = bytes === null ? "The request body is too large." : "We could not parse the JSON body of your request.";
    options.sendError(res, 400, "invalid_request_error", `${what} Send a JSON object.`);
    return undefined;
  }
  return body;
}

/** An injected HTTP status for this request, if a fault says so. */
export function statusFault(engine: Engine, profile: ProfileName): FaultOf<"http-status"> | undefined {
  return engine.faults.take("http-status", profile, "http");
}

/** The scripted model's answer for a conversation in Responses item form. */
export function planTurn(engine: Engine, instructions: string | undefined, conversation: Item[], tools: Item[]): { plan: ModelPlan; usage: ModelUsage } {
  const plan = planResponse({ conversation, tools, generate: true, options: { ...engine.modelOptions } });
  return { plan, usage: planUsage(instructions, conversation, plan) };
}

/** Sends a JSON body with its length. */
export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * Streams `events` as SSE written by `format` (the stream runner's sequence numbers are not part
 * of these dialects and are dropped), then `trailer` after a clean finish.
 */
export async function streamDialect(
  engine: Engine,
  profile: ProfileName,
  res: ServerResponse,
  events: Iterable<WireEvent>,
  format: (event: WireEvent) => string,
  failure: FailureEvents,
  trailer = "",
): Promise<RunOutcome> {
  res.writeHead(200, sseHeaders);
  res.flushHeaders();
  let flushed: Promise<void> = Promise.resolve();
  const sink: EventSink = {
    transport: "http",
    isOpen: () => !res.destroyed && !res.writableEnded,
    write: (event) => {
      const { sequence_number: _sequence, ...frame } = event;
      let ok = true;
      flushed = new Promise((resolve) => {
        ok = res.write(format(frame as WireEvent), () => resolve());
      });
      return ok ? undefined : drained(res);
    },
    cut: (_closeCode, destroy) => {
      if (destroy) void flushed.then(() => res.socket?.destroy());
      else res.end();
    },
  };
  const faults = {
    delay: engine.faults.take("delay", profile, "http"),
    errorEvent: engine.faults.take("error-event", profile, "http"),
    cut: engine.faults.take("cut", profile, "http"),
  };
  const outcome = await runEvents(events, sink, faults, undefined, failure);
  if (outcome === "completed" && trailer !== "") res.write(trailer);
  if (outcome === "completed" || outcome === "failed") res.end();
  return outcome;
}

/** Text of a dialect's content: a string, or the `text` of its text parts joined. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (typeof part === "object" && part !== null && typeof (part as Item)["text"] === "string" ? ((part as Item)["text"] as string) : ""))
    .filter((text) => text !== "")
    .join("\n");
}
