import { SwitchyardError } from "@switchyard/sdk";

/** Codes the gateway answers with (in the OpenAI error shape's `code`). Each is in docs/errors.md. */
export const GatewayErrorCode = {
  unauthorized: "SY_ERR_GATEWAY_UNAUTHORIZED",
  bodyTooLarge: "SY_ERR_GATEWAY_BODY_TOO_LARGE",
  bodyInvalid: "SY_ERR_GATEWAY_BODY_INVALID",
  encodingUnsupported: "SY_ERR_GATEWAY_ENCODING_UNSUPPORTED",
  tooManyStreams: "SY_ERR_GATEWAY_TOO_MANY_STREAMS",
  notFound: "SY_ERR_GATEWAY_NOT_FOUND",
  draining: "SY_ERR_GATEWAY_DRAINING",
  previousResponseNotFound: "SY_ERR_GATEWAY_PREVIOUS_RESPONSE_NOT_FOUND",
  responseInFlight: "SY_ERR_GATEWAY_RESPONSE_IN_FLIGHT",
  connectionLimitReached: "SY_ERR_GATEWAY_CONNECTION_LIMIT_REACHED",
  listenFailed: "SY_ERR_GATEWAY_LISTEN_FAILED",
  keysRequired: "SY_ERR_GATEWAY_KEYS_REQUIRED",
  /** An error without a Switchyard code reached the client (a bug: it is logged in full). */
  internal: "SY_ERR_GATEWAY_INTERNAL",
} as const;

export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];

/** A gateway error: its HTTP status and the OpenAI error `type` travel with it. */
export class GatewayError extends SwitchyardError {
  constructor(
    code: GatewayErrorCode,
    readonly status: number,
    message: string,
    fix: string,
    readonly param: string | null = null,
  ) {
    super(code, message, { fix });
    this.name = "GatewayError";
  }
}

export function unauthorized(present: boolean): GatewayError {
  return new GatewayError(
    GatewayErrorCode.unauthorized,
    401,
    present ? "Incorrect gateway key provided." : "No gateway key provided.",
    "Send Authorization: Bearer <key> with a key whose sha256 is listed in the gateway's config (gateway.keys).",
  );
}

export function bodyTooLarge(limit: number): GatewayError {
  return new GatewayError(GatewayErrorCode.bodyTooLarge, 413, `The request body is larger than this gateway accepts (${limit} bytes).`, "Send a smaller request, or raise gateway.maxBodyBytes in the config.");
}

export function bodyInvalid(what: string, param: string | null = null): GatewayError {
  return new GatewayError(GatewayErrorCode.bodyInvalid, 400, `Invalid request body: ${what}.`, 'Send a JSON Responses create body: { "model": "provider/model" or a route alias, "input": … }.', param);
}

export function encodingUnsupported(encoding: string): GatewayError {
  return new GatewayError(
    GatewayErrorCode.encodingUnsupported,
    415,
    `The request body's Content-Encoding "${encoding}" is not supported by this gateway.`,
    "Send the body uncompressed, or with gzip, deflate or br (zstd needs a newer Node than this gateway runs on).",
  );
}

export function tooManyStreams(limit: number): GatewayError {
  return new GatewayError(GatewayErrorCode.tooManyStreams, 429, `This gateway already serves ${limit} responses at once.`, "Retry after a moment, or raise gateway.maxConcurrentStreams in the config.");
}

export function notFound(method: string, path: string): GatewayError {
  return new GatewayError(
    GatewayErrorCode.notFound,
    404,
    `No route ${method} ${path} on this gateway.`,
    "Use POST /v1/responses, GET /v1/responses (WebSocket), GET /v1/models, /healthz, /readyz, /v1/switchyard/health or /metrics.",
  );
}

export function draining(): GatewayError {
  return new GatewayError(GatewayErrorCode.draining, 503, "The gateway is shutting down and takes no new requests.", "Retry on another instance; the load balancer should have taken this one out.");
}

export function previousResponseNotFound(id: string): GatewayError {
  return new GatewayError(
    GatewayErrorCode.previousResponseNotFound,
    400,
    `Previous response with id '${id}' not found.`,
    "Send the whole conversation as input (the gateway continues upstream by itself), or continue a response this gateway served on this connection.",
    "previous_response_id",
  );
}

export function responseInFlight(): GatewayError {
  return new GatewayError(
    GatewayErrorCode.responseInFlight,
    400,
    "Another response is in progress on this connection; wait for it to finish or open another connection.",
    "Send response.create after the previous response's final event, or use another websocket.",
  );
}

export function connectionLimitReached(maxAgeMs: number): GatewayError {
  const minutes = Math.round(maxAgeMs / 60_000);
  const limit = minutes >= 1 ? `${minutes} minutes` : `${maxAgeMs} ms`;
  return new GatewayError(
    GatewayErrorCode.connectionLimitReached,
    400,
    `Responses websocket connection limit reached (${limit}). Create a new websocket connection to continue.`,
    "Open a new websocket connection; continue with the full conversation as input.",
  );
}

export function listenFailed(address: string, cause: unknown): SwitchyardError {
  return new SwitchyardError(GatewayErrorCode.listenFailed, `The gateway cannot listen on ${address}: ${cause instanceof Error ? cause.message : String(cause)}.`, {
    fix: "Pick a free port (--port 0 chooses one) or another --listen address.",
    cause,
  });
}

export function keysRequired(address: string): SwitchyardError {
  return new SwitchyardError(
    GatewayErrorCode.keysRequired,
    `The gateway would listen on ${address} with no client keys: anyone who reaches it could spend the provider credentials it holds.`,
    { fix: 'Add gateway.keys ([{ "id", "sha256" }]) to the config, or listen on a loopback address (the default, 127.0.0.1).' },
  );
}
