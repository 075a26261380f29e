/**
 * Protocol errors sent to clients: an HTTP error body before a stream, or a websocket `error` event.
 * Shape follows the API: { error: { message, type, param, code } }.
 */
export interface ApiError {
  status: number;
  type: string;
  code: string | null;
  param: string | null;
  message: string;
  /**
   * The body shape when it is not the profile's: the ChatGPT backend answers request-validation
   * errors with `{ detail }` but authentication errors (401 token_expired…) with `{ error: {…} }`.
   */
  shape?: "error-object" | "detail";
}

/** The error `type` the API uses for a status. */
export function errorTypeFor(status: number): string {
  if (status === 401) return "invalid_request_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

export function apiError(status: number, code: string | null, message: string, param: string | null = null): ApiError {
  return { status, type: errorTypeFor(status), code, param, message };
}

/**
 * HTTP body for an error answered before any stream: the platform's `{ error: {…} }`, or the
 * ChatGPT backend's bare `{ detail }` (what the Codex backend really answers).
 */
export function errorBody(error: ApiError, shape: "error-object" | "detail" = "error-object"): string {
  if ((error.shape ?? shape) === "detail") return JSON.stringify({ detail: error.message });
  return JSON.stringify({ error: { message: error.message, type: error.type, param: error.param, code: error.code } });
}

/** The websocket error event: status at top level, details nested, stream_id echoed. */
export function errorEvent(error: ApiError, streamId: string | undefined): Record<string, unknown> & { type: "error" } {
  return {
    type: "error",
    status: error.status,
    error: { type: error.type, code: error.code, message: error.message, param: error.param },
    ...(streamId === undefined ? {} : { stream_id: streamId }),
  };
}
