import { GatewayError, GatewayErrorCode } from "./errors.js";

/** An error as the OpenAI API answers it, with Switchyard's code (the message ends with the fix). */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string };
}

export interface ClientError {
  status: number;
  body: OpenAIErrorBody;
}

/**
 * Codes real clients act on (Codex reconnects on websocket_connection_limit_reached, replays on
 * previous_response_not_found): those keep the real service's code; everything else carries
 * Switchyard's SY_ERR_* code.
 */
const SERVICE_CODES: Record<string, string> = {
  SY_ERR_GATEWAY_PREVIOUS_RESPONSE_NOT_FOUND: "previous_response_not_found",
  SY_ERR_GATEWAY_CONNECTION_LIMIT_REACHED: "websocket_connection_limit_reached",
  SY_ERR_GATEWAY_RESPONSE_IN_FLIGHT: "concurrent_response_limit",
};

const NOT_FOUND = new Set(["SY_ERR_REF_INVALID", "SY_ERR_PROVIDER_UNKNOWN", "SY_ERR_MODEL_UNKNOWN"]);
const BAD_REQUEST = new Set(["SY_ERR_SESSION_INPUT_INVALID", "SY_ERR_REQUEST_RULE_VIOLATED", "SY_ERR_ROUTE_VETOED", "SY_ERR_SELECT_WEBSOCKET_UNAVAILABLE"]);

function errorType(status: number): string {
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

/**
 * The HTTP status a failure maps to. An upstream 400/404/422 is the client's request; an upstream
 * 401/403 is the gateway's provider credential, so the client sees 502, never "unauthorized".
 */
export function statusFor(error: unknown): number {
  if (error instanceof GatewayError) return error.status;
  const { code, details, cause } = error as { code?: unknown; details?: { status?: unknown; timeout?: unknown }; cause?: unknown };
  if (code === "SY_ERR_ROUTE_EXHAUSTED" && cause) return statusFor(cause);
  if (typeof code !== "string") return 500;
  if (NOT_FOUND.has(code)) return 404;
  if (BAD_REQUEST.has(code)) return 400;
  if (code.startsWith("SY_ERR_TRANSPORT_")) {
    const status = typeof details?.status === "number" ? details.status : undefined;
    if (status === 429) return 429;
    if (status === 400 || status === 404 || status === 413 || status === 422) return status;
    if (code === "SY_ERR_TRANSPORT_TIMEOUT") return 504;
    if (code === "SY_ERR_TRANSPORT_ABORTED") return 499;
    return 502;
  }
  return 500;
}

/** The client's view of any error: status and OpenAI-shaped body; `scrub` removes secrets. */
export function toClientError(error: unknown, scrub: (text: string) => string): ClientError {
  const status = statusFor(error);
  const coded = error as { code?: unknown; message?: unknown };
  const switchyardCode = typeof coded.code === "string" && coded.code.startsWith("SY_ERR_") ? coded.code : GatewayErrorCode.internal;
  const message = typeof coded.message === "string" ? coded.message : "Internal gateway error.";
  const param = error instanceof GatewayError ? error.param : NOT_FOUND.has(switchyardCode) ? "model" : null;
  const body: OpenAIErrorBody = {
    error: { message: scrub(message), type: errorType(status), param, code: SERVICE_CODES[switchyardCode] ?? switchyardCode },
  };
  return { status, body };
}
