import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";

/*
 * Active endpoint checks for `switchyard probe`: does this declared transport answer? The caller
 * (the host) decides which headers may go to the URL; nothing here reads credentials.
 */

export interface ProbeResult {
  ok: boolean;
  /** HTTP status answered (101 for an accepted upgrade), when there was one. */
  status: number | undefined;
  /** What happened, in a few words. */
  detail: string;
  latencyMs: number;
}

const WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** `GET {baseUrl}/models`: reachable and accepting the credentials when 2xx. Redirects are not followed. */
export async function probeHttpEndpoint(url: string, headers: Record<string, string>, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  try {
    const response = await fetch(url, { method: "GET", headers, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    const latencyMs = performance.now() - started;
    const ok = response.status >= 200 && response.status < 300;
    const detail = ok
      ? `HTTP ${response.status}`
      : response.status === 401 || response.status === 403
        ? `HTTP ${response.status}: credentials rejected or missing`
        : response.status >= 300 && response.status < 400
          ? `HTTP ${response.status}: redirect to ${response.headers.get("location") ?? "?"} (not followed)`
          : `HTTP ${response.status}`;
    return { ok, status: response.status, detail, latencyMs };
  } catch (error) {
    return { ok: false, status: undefined, detail: describeNetworkError(error, timeoutMs), latencyMs: performance.now() - started };
  }
}

/**
 * A websocket upgrade handshake, closed at once: ok when the server answers 101 with the right
 * Sec-WebSocket-Accept. No message is sent.
 */
export function probeWebSocketEndpoint(url: string, headers: Record<string, string>, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  const target = new URL(url);
  const secure = target.protocol === "wss:";
  const key = randomBytes(16).toString("base64");
  const expectedAccept = createHash("sha1").update(key + WEBSOCKET_GUID).digest("base64");
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<ProbeResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ ...result, latencyMs: performance.now() - started });
    };
    const request = (secure ? https : http).request({
      protocol: secure ? "https:" : "http:",
      hostname: target.hostname.replace(/^\[|\]$/g, ""),
      port: target.port || (secure ? 443 : 80),
      path: `${target.pathname}${target.search}`,
      method: "GET",
      agent: false,
      headers: {
        ...headers,
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": key,
      },
    });
    const timer = setTimeout(() => finish({ ok: false, status: undefined, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
    request.on("upgrade", (response, socket) => {
      socket.destroy();
      const accepted = response.headers["sec-websocket-accept"] === expectedAccept;
      finish({
        ok: response.statusCode === 101 && accepted,
        status: response.statusCode,
        detail: accepted ? "101 Switching Protocols" : "101 with a wrong Sec-WebSocket-Accept",
      });
    });
    request.on("response", (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      const why = status === 401 || status === 403 ? ": credentials rejected or missing" : status >= 300 && status < 400 ? ": redirect (not followed)" : "";
      finish({ ok: false, status, detail: `upgrade rejected with HTTP ${status}${why}` });
    });
    request.on("error", (error) => finish({ ok: false, status: undefined, detail: describeNetworkError(error, timeoutMs) }));
    request.end();
  });
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: string } | undefined)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return code ? `${code}: ${message}` : message;
}
