/**
 * HTTP side: `POST {base}/responses` (SSE when `stream: true`, JSON otherwise),
 * `POST {base}/responses/compact` and `GET {base}/models`. Errors before the stream are HTTP
 * statuses with the dialect's error body; every answer carries the service's metadata headers.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { apiError, errorBody, type ApiError } from "./api-error.js";
import { hasBearer } from "./auth.js";
import { decodeBody } from "./body-encoding.js";
import { isApiError, type Engine } from "./engine.js";
import { handleOAuthRequest, isOAuthPath } from "./oauth-routes.js";
import { matchProfile, type Profile } from "./profiles.js";
import { newRequestId, responseHeaders } from "./response-metadata.js";
import type { ScriptedTurn } from "./script-queue.js";
import { sseFrame, sseHeaders, sseRawFrame } from "./sse.js";
import { describeRequest } from "./stats.js";
import type { EventSink } from "./stream-runner.js";
import { bearerRefusal } from "./token-check.js";

// Large enough for long benchmark conversations, small enough to stop a runaway client.
const maxBodyBytes = 64 * 1024 * 1024;

export function sendError(res: ServerResponse, error: ApiError, profile?: Profile, headers: Record<string, string> = {}): void {
  const body = errorBody(error, profile?.errorShape);
  const meta = profile ? responseHeaders(profile, newRequestId()) : { "x-request-id": newRequestId() };
  res.writeHead(error.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...meta, ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, value: unknown, headers: Record<string, string>): void {
  const json = JSON.stringify(value);
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(json), ...headers });
  res.end(json);
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
  const body = {
    object: "list",
    data: profile.models.map((id) => ({ id, object: "model", created: 0, owned_by: profile.ownedBy })),
  };
  sendJson(res, body, responseHeaders(profile, newRequestId()));
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
  if (isOAuthPath(url.pathname)) return handleOAuthRequest(engine.issuer, req, res, url);
  const match = matchProfile(url.pathname);
  if (!match) {
    sendError(res, apiError(404, "unknown_url", `Unknown path ${url.pathname}. Profiles live under /v1, /backend-api/codex and /xai/v1.`));
    return;
  }
  const { profile, rest } = match;
  const credentials = hasBearer(req.headers.authorization);
  const refusal = bearerRefusal(engine.issuer, profile.name, req.headers.authorization);
  if (req.method === "GET" && rest === "/models") {
    if (refusal) sendError(res, refusal, profile);
    else listModels(res, profile);
    return;
  }
  const compact = rest === "/responses/compact";
  if ((rest !== "/responses" && !compact) || req.method !== "POST") {
    sendError(res, apiError(404, "unknown_url", `Unknown request: ${req.method ?? "?"} ${url.pathname}.`), profile);
    return;
  }
  const raw = await readBody(req);
  const counters = engine.stats.counters(profile.name, "http");
  counters.bytesReceived += raw?.length ?? 0;
  const decoded = raw === null ? null : decodeBody(raw, req.headers["content-encoding"], maxBodyBytes);
  const bytes = decoded !== null && Buffer.isBuffer(decoded) ? decoded : null;
  const body = bytes ? parseJsonObject(bytes) : null;
  engine.stats.logRequest(describeRequest(profile.name, "http", url.pathname, body, credentials));

  if (engine.faults.take("refuse", profile.name, "http")) {
    req.socket.destroy();
    return;
  }
  if (refusal) return sendError(res, refusal, profile);
  if (decoded !== null && !Buffer.isBuffer(decoded)) return sendError(res, decoded, profile);
  if (!body) {
    const what = raw === null ? "The request body is too large." : "We could not parse the JSON body of your request.";
    return sendError(res, apiError(400, "invalid_json", `${what} Send a JSON object.`), profile);
  }
  const statusFault = engine.faults.take("http-status", profile.name, "http", { warmup: body["generate"] === false });
  if (statusFault) {
    const headers: Record<string, string> = statusFault.retryAfter === undefined ? {} : { "retry-after": String(statusFault.retryAfter) };
    const fallbackCode = statusFault.status === 429 ? "rate_limit_exceeded" : "server_error";
    const message = statusFault.message ?? `Injected HTTP ${statusFault.status}.`;
    return sendError(res, apiError(statusFault.status, statusFault.code ?? fallbackCode, message), profile, headers);
  }
  const scripted = engine.scripts.take(profile.name, "http");
  if (scripted) return serveScripted(res, scripted);

  const model = typeof body["model"] === "string" ? body["model"] : undefined;
  const meta = responseHeaders(profile, newRequestId(), model);
  if (compact) {
    const compacted = engine.compact(profile, body);
    return isApiError(compacted) ? sendError(res, compacted, profile) : sendJson(res, compacted, meta);
  }
  const prepared = engine.prepare(profile, "http", body, undefined);
  if (isApiError(prepared)) return sendError(res, prepared, profile);
  if (body["stream"] !== true) return sendJson(res, prepared.finalObject(), meta);
  res.writeHead(200, { ...sseHeaders, ...meta });
  res.flushHeaders();
  const outcome = await prepared.run(httpSink(res), undefined, undefined);
  if (outcome === "completed" || outcome === "failed") res.end();
}
