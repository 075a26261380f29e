import { redactSecrets, SwitchyardError } from "@switchyard/sdk";

/** Codes of transport failures. Each is documented in docs/errors.md. */
export const TransportErrorCode = {
  originRefused: "SY_ERR_TRANSPORT_ORIGIN_REFUSED",
  connectFailed: "SY_ERR_TRANSPORT_CONNECT_FAILED",
  upgradeRejected: "SY_ERR_TRANSPORT_UPGRADE_REJECTED",
  httpStatus: "SY_ERR_TRANSPORT_HTTP_STATUS",
  redirectRefused: "SY_ERR_TRANSPORT_REDIRECT_REFUSED",
  closedEarly: "SY_ERR_TRANSPORT_CLOSED_EARLY",
  malformedFrame: "SY_ERR_TRANSPORT_MALFORMED_FRAME",
  serverError: "SY_ERR_TRANSPORT_SERVER_ERROR",
  responseFailed: "SY_ERR_TRANSPORT_RESPONSE_FAILED",
  timeout: "SY_ERR_TRANSPORT_TIMEOUT",
  aborted: "SY_ERR_TRANSPORT_ABORTED",
  closed: "SY_ERR_TRANSPORT_CLOSED",
  protocolUnsupported: "SY_ERR_TRANSPORT_PROTOCOL_UNSUPPORTED",
} as const;

export type TransportErrorCode = (typeof TransportErrorCode)[keyof typeof TransportErrorCode];

/** Where in a turn a failure happened; only "after-first-event" failures lost delivered output. */
export type TransportPhase = "connect" | "before-first-event" | "after-first-event";

export type TimeoutKind = "connect" | "first-event" | "idle";

export interface TransportErrorDetails {
  transport: "http" | "websocket";
  provider: string;
  /** The credential origin of the target, never a URL with query or header values. */
  origin: string;
  phase: TransportPhase;
  status?: number;
  serverCode?: string;
  closeCode?: number;
  retryAfterMs?: number;
  /** Unified events delivered to the consumer before the failure. */
  eventsReceived: number;
  /** True when retrying the turn over another transport cannot duplicate output and may succeed. */
  fallbackWorthy: boolean;
  timeout?: TimeoutKind;
}

/** A failed turn. Thrown from a transport's event iterator; details never hold secret values. */
export class TransportError extends SwitchyardError {
  declare readonly details: Readonly<TransportErrorDetails>;

  constructor(code: TransportErrorCode, message: string, fix: string, details: TransportErrorDetails, cause?: unknown) {
    super(code, message, { fix, details: { ...details }, cause });
    this.name = "TransportError";
  }
}

/** True for a TransportError, also one from another copy of this package (checked by code prefix). */
export function isTransportError(value: unknown): value is TransportError {
  if (!(value instanceof Error)) return false;
  const code: unknown = (value as Error & { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("SY_ERR_TRANSPORT_");
}

/** What every error of one turn shares: who, over what, to where, and how far it got. */
export interface FailureContext {
  transport: "http" | "websocket";
  provider: string;
  origin: string;
  eventsReceived: number;
  /** The wire API of the turn, for messages. */
  api: string;
  /** Secret header values to scrub from anything the server or the network stack said. */
  secrets: readonly string[];
}

function where(context: FailureContext): string {
  return `provider "${context.provider}" over ${context.transport} to ${context.origin}`;
}

function phaseOf(context: FailureContext): TransportPhase {
  return context.eventsReceived > 0 ? "after-first-event" : "before-first-event";
}

function received(context: FailureContext): string {
  return context.eventsReceived === 0 ? "before any event" : `after ${context.eventsReceived} event(s)`;
}

/** What the server said, scrubbed, as a clause for our own sentence (its final period dropped). */
function serverSaid(message: string | undefined, secrets: readonly string[]): string {
  return message ? `: ${redactSecrets(message, secrets).replace(/[.\s]+$/, "")}` : "";
}

/** A cause safe to keep: name and scrubbed message of the original, nothing else (no request options). */
function safeCause(cause: unknown, secrets: readonly string[]): Error | undefined {
  if (cause === undefined) return undefined;
  const original = cause instanceof Error ? cause : new Error(String(cause));
  const copy = new Error(redactSecrets(original.message, secrets));
  copy.name = original.name;
  const code = (original as { code?: unknown }).code;
  if (typeof code === "string") (copy as Error & { code?: string }).code = code;
  return copy;
}

function details(
  context: FailureContext,
  phase: TransportPhase,
  fallbackWorthy: boolean,
  extra: Partial<TransportErrorDetails> = {},
): TransportErrorDetails {
  return {
    transport: context.transport,
    provider: context.provider,
    origin: context.origin,
    phase,
    eventsReceived: context.eventsReceived,
    fallbackWorthy: context.transport === "websocket" && fallbackWorthy,
    ...extra,
  };
}

/** Websocket failures before any event reached the consumer may fall back to HTTP; HTTP has no fallback. */
function beforeFirst(context: FailureContext): boolean {
  return context.eventsReceived === 0;
}

export function originRefused(context: FailureContext, url: string, origins: readonly string[]): TransportError {
  const target = context.origin || describeUrl(url);
  return new TransportError(
    TransportErrorCode.originRefused,
    `Refused to send credentials for ${where(context)}: ${target} is not one of the provider's origins (${origins.join(", ") || "none"}). Nothing was sent.`,
    "Point the transport URL at an origin the provider declares in its manifest `origins`, or add the origin there if the provider really owns it.",
    details(context, "connect", false),
  );
}

export function connectFailed(context: FailureContext, cause: unknown): TransportError {
  const reason = redactSecrets(cause instanceof Error ? cause.message : String(cause), context.secrets);
  return new TransportError(
    TransportErrorCode.connectFailed,
    `Could not connect for ${where(context)}: ${reason || "connection failed"}.`,
    "Check that the server is running and reachable from this machine (DNS, port, proxy, TLS).",
    details(context, "connect", true),
    safeCause(cause, context.secrets),
  );
}

export function upgradeRejected(context: FailureContext, status: number): TransportError {
  return new TransportError(
    TransportErrorCode.upgradeRejected,
    `The WebSocket upgrade for ${where(context)} was rejected with HTTP ${status}.`,
    "The server does not accept WebSocket mode at this URL with these credentials; check the manifest's websocket `url` and headers, or use HTTP.",
    details(context, "connect", true, { status }),
  );
}

export function httpStatus(
  context: FailureContext,
  status: number,
  server: { code?: string; message?: string },
  retryAfterMs: number | undefined,
): TransportError {
  const said = serverSaid(server.message, context.secrets);
  const code = server.code ? ` (${redactSecrets(server.code, context.secrets)})` : "";
  const fix =
    status === 429
      ? `Slow down; retry${retryAfterMs !== undefined ? ` after ${retryAfterMs} ms` : " later"}.`
      : status === 401 || status === 403
        ? "Check the provider's credentials (environment variables named in its manifest `auth`)."
        : status >= 500
          ? "The server failed; retry later."
          : "Check the request the provider's extension builds (model id, instructions, tools).";
  return new TransportError(
    TransportErrorCode.httpStatus,
    `HTTP ${status}${code} from ${where(context)}${said}.`,
    fix,
    details(context, "connect", false, {
      status,
      ...(server.code ? { serverCode: redactSecrets(server.code, context.secrets) } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    }),
  );
}

export function redirectRefused(context: FailureContext, status: number): TransportError {
  return new TransportError(
    TransportErrorCode.redirectRefused,
    `The server answered ${where(context)} with redirect HTTP ${status}; redirects are never followed with credentials.`,
    "Use the final URL directly as the provider's base URL (and declare its origin), instead of one that redirects.",
    details(context, "connect", false, { status }),
  );
}

export function closedEarly(context: FailureContext, closeCode?: number): TransportError {
  const how = closeCode !== undefined ? ` (close code ${closeCode})` : "";
  return new TransportError(
    TransportErrorCode.closedEarly,
    `The stream for ${where(context)} ended ${received(context)} without a terminal response event${how}.`,
    beforeFirst(context)
      ? "Retry the turn; if it keeps happening, the server or a proxy is cutting connections."
      : "Output was interrupted; retry the turn (the partial output was already delivered).",
    details(context, phaseOf(context), beforeFirst(context), closeCode !== undefined ? { closeCode } : {}),
  );
}

export function malformedFrame(context: FailureContext, cause: unknown): TransportError {
  return new TransportError(
    TransportErrorCode.malformedFrame,
    `A frame from ${where(context)} was not valid JSON (${received(context)}).`,
    `The server is not speaking the ${context.api} streaming protocol at this URL; check the transport URL and the provider's api.`,
    details(context, phaseOf(context), beforeFirst(context)),
    safeCause(cause, context.secrets),
  );
}

/** The request's wire API has no framing for this transport: nothing was sent. */
export function protocolUnsupported(context: FailureContext, api: string): TransportError {
  return new TransportError(
    TransportErrorCode.protocolUnsupported,
    `Provider "${context.provider}" asked ${context.transport} to carry api "${api}", which is not spoken over ${context.transport}; nothing was sent.`,
    `Declare only the transports api "${api}" speaks in the provider's manifest.`,
    details(context, "connect", false),
  );
}

export function serverError(
  context: FailureContext,
  server: { code?: string; message?: string; status?: number },
): TransportError {
  const said = serverSaid(server.message, context.secrets);
  const code = server.code ? ` ${redactSecrets(server.code, context.secrets)}` : "";
  return new TransportError(
    TransportErrorCode.serverError,
    `The server sent error${code} to ${where(context)} ${received(context)}${said}.`,
    "Read the server's message; fix the request it rejects, or retry if it is transient.",
    details(context, phaseOf(context), false, {
      ...(server.code ? { serverCode: redactSecrets(server.code, context.secrets) } : {}),
      ...(server.status !== undefined ? { status: server.status } : {}),
    }),
  );
}

export function responseFailed(context: FailureContext, server: { code?: string; message?: string }): TransportError {
  const said = serverSaid(server.message, context.secrets);
  const code = server.code ? ` (${redactSecrets(server.code, context.secrets)})` : "";
  return new TransportError(
    TransportErrorCode.responseFailed,
    `The response for ${where(context)} failed${code}${said}.`,
    "The model could not finish this response; retry, or change the request if the server's message says why.",
    details(context, phaseOf(context), false, server.code ? { serverCode: redactSecrets(server.code, context.secrets) } : {}),
  );
}

export function timedOut(context: FailureContext, timeout: TimeoutKind, ms: number): TransportError {
  const what =
    timeout === "connect"
      ? "connecting"
      : timeout === "first-event"
        ? "waiting for the first event"
        : `waiting for the next event ${received(context)}`;
  return new TransportError(
    TransportErrorCode.timeout,
    `Timed out after ${ms} ms ${what} for ${where(context)}.`,
    "Retry; if the server is just slow, raise the transport timeouts.",
    details(context, timeout === "connect" ? "connect" : phaseOf(context), beforeFirst(context), { timeout }),
  );
}

export function aborted(context: FailureContext, reason: unknown): TransportError {
  return new TransportError(
    TransportErrorCode.aborted,
    `The turn for ${where(context)} was aborted ${received(context)}.`,
    "Nothing to fix: the caller cancelled the turn through its AbortSignal.",
    details(context, phaseOf(context), false),
    safeCause(reason, context.secrets),
  );
}

export function transportClosed(context: FailureContext): TransportError {
  return new TransportError(
    TransportErrorCode.closed,
    `The ${context.transport} transport was closed; the turn for ${where(context)} cannot run.`,
    "Create a new transport after close(), or do not close it while turns are running.",
    details(context, phaseOf(context), false),
  );
}

/** Origin and path of a URL for messages: never query strings or userinfo. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "an unparseable URL";
  }
}
