/**
 * HTTP side: `POST {base}/responses` (SSE when `stream: true`, JSON otherwise) and
 * `GET {base}/models`. Errors before the stream are HTTP statuses with the API's error body.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { apiError, errorBody, type ApiError } from "./api-error.js";
import { hasBearer } from "./auth.js";
import { isApiError, type Engine } from "./engine.js";
import { matchProfile, type Profile } from "./profiles.js";
import type { ScriptedTurn } from "./script-queue.js";
import { sseFrame, sseHeaders, sseRawFrame } from "./sse.js";
import { describeRequest } from "./stats.js";
import type { EventSink } from "./stream-runner.js";

// Large enough for long benchmark conversations, small enough to stop a runaway client.
const maxBodyBytes = 64 * 1024 * 1024;

export function sendError(res: ServerResponse, error: ApiError, headers: Record<string, string> = {}): void {
  const body = errorBody(error);
  res.writeHead(error.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > maxBodyBytes ? null : Buffer.concat(chunks)));
    req.on("error", () => resolve(null));
  });
}

/** Resolves when the body can take more, or the peer is gone. */
export function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

function httpSink(res: ServerResponse): EventSink {
  // The flush of the latest write: a destroying cut waits for it so "after N events" means N arrived.
  let flushed: Promise<void> = Promise.resolve();
  return {
    transport: "http",
    isOpen: () => !res.destroyed && !res.writableEnded,
    write: (event) => {
      let ok = true;
      flushed = new Promise((resolve) => {
        ok = res.write(sseFrame(event), () => resolve());
      });
      return ok ? undefined : drained(res);
    },
    cut: (_closeCode, destroy) => {
      if (destroy) void flushed.then(() => res.socket?.destroy());
      else res.end();
    },
  };
}

async function serveScripted(res: ServerResponse, turn: ScriptedTurn): Promise<void> {
  res.writeHead(200, sseHeaders);
  res.flushHeaders();
  const text = turn.frames
    .map((frame) => {
      if (typeof frame === "string") return sseRawFrame(frame);
      return typeof frame["type"] === "string" ? sseFrame(frame as { type: string }) : sseRawFrame(JSON.stringify(frame));
    })
    .join("");
  const bytes = Buffer.from(text, "utf8");
  const step = turn.httpChunkBytes ?? bytes.length;
  for (let start = 0; start < bytes.length && !res.destroyed; start += step) {
    if (!res.write(bytes.subarray(start, start + step))) await drained(res);
    // A turn of the event loop between pieces makes each one its own TCP write.
    if (turn.httpChunkBytes !== undefined) await yieldToLoop();
  }
  if (turn.destroy) {
    // Let the frames leave before the socket drops, so the client sees them and then the reset.
    res.write("", () => res.socket?.destroy());
  } else res.end();
}

function listModels(res: ServerResponse, profile: Profile): void {
  const body = JSON.stringify({
    object: "list",
    data: profile.models.map((id) => ({ id, object: "model", created: 0, owned_by: profile.ownedBy })),
  });
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

export function parseJsonObject(bytes: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Handles one HTTP request on the emulator's server. */
export async function handleHttpRequest(engine: Engine, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator.invalid");
  const match = matchProfile(url.pathname);
  if (!match) {
    sendError(res, apiError(404, "unknown_url", `Unknown path ${url.pathname}. Profiles live under /v1, /backend-api/codex and /xai/v1.`));
    return;
  }
  const { profile, rest } = match;
  const credentials = hasBearer(req.headers.authorization);
  if (req.method === "GET" && rest === "/models") {
    if (!credentials) sendError(res, missingAuth());
    else listModels(res, profile);
    return;
  }
  if (rest !== "/responses" || req.method !== "POST") {
    sendError(res, apiError(404, "unknown_url", `Unknown request: ${req.method ?? "?"} ${url.pathname}.`));
    return;
  }
  const bytes = await readBody(req);
  const counters = engine.stats.counters(profile.name, "http");
  counters.bytesReceived += bytes?.length ?? 0;
  const body = bytes ? parseJsonObject(bytes) : null;
  engine.stats.logRequest(describeRequest(profile.name, "http", url.pathname, body, credentials));

  if (engine.faults.take("refuse", profile.name, "http")) {
    req.socket.destroy();
    return;
  }
  if (!credentials) return sendError(res, missingAuth());
  if (!body) {
    const what = bytes === null ? "The request body is too large." : "We could not parse the JSON body of your request.";
    return sendError(res, apiError(400, "invalid_json", `${what} Send a JSON object.`));
  }
  const statusFault = engine.faults.take("http-status", profile.name, "http");
  if (statusFault) {
    const headers: Record<string, string> = statusFault.retryAfter === undefined ? {} : { "retry-after": String(statusFault.retryAfter) };
    const fallbackCode = statusFault.status === 429 ? "rate_limit_exceeded" : "server_error";
    const message = statusFault.message ?? `Injected HTTP ${statusFault.status}.`;
    return sendError(res, apiError(statusFault.status, statusFault.code ?? fallbackCode, message), headers);
  }
  const scripted = engine.scripts.take(profile.name, "http");
  if (scripted) return serveScripted(res, scripted);

  const prepared = engine.prepare(profile, "http", body, undefined);
  if (isApiError(prepared)) return sendError(res, prepared);
  if (body["stream"] !== true) {
    const json = JSON.stringify(prepared.finalObject());
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
    res.end(json);
    return;
  }
  res.writeHead(200, sseHeaders);
  res.flushHeaders();
  const outcome = await prepared.run(httpSink(res), undefined, undefined);
  if (outcome === "completed" || outcome === "failed") res.end();
}

export function missingAuth(): ApiError {
  return apiError(
    401,
    "missing_api_key",
    "You didn't provide an API key. Send it in the Authorization header as 'Bearer YOUR_KEY' (the emulator accepts any non-empty key).",
  );
}
