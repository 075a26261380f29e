/**
 * What the real services send around a response besides its events: a request id, the model
 * header and rate-limit headers on every HTTP answer and websocket upgrade, and on the Codex
 * backend's websocket a `codex.rate_limits` event before each response. Clients read these (the
 * SDKs expose `_request_id`, Codex CLI shows its plan's usage), so the emulator sends plausible,
 * deterministic values: nothing here is ever exhausted unless a fault says so.
 */
import { randomBytes } from "node:crypto";
import type { Profile } from "./profiles.js";

const requestLimit = 10_000;
const tokenLimit = 30_000_000;
// Codex plan windows: five hours and one week, as the ChatGPT backend reports them.
const primaryWindowMinutes = 300;
const secondaryWindowMinutes = 10_080;

/** A fresh request id, shaped like the API's (`req_` + 32 hex digits). */
export function newRequestId(): string {
  return `req_${randomBytes(16).toString("hex")}`;
}

/** Headers for one answer of this profile; `model` is added when the request named one. */
export function responseHeaders(profile: Profile, requestId: string, model?: string): Record<string, string> {
  const headers: Record<string, string> = { "x-request-id": requestId, "openai-version": "2020-10-01", "openai-processing-ms": "1" };
  if (model !== undefined) headers["openai-model"] = model;
  if (profile.rateLimits === "codex") {
    headers["x-codex-primary-used-percent"] = "1";
    headers["x-codex-primary-window-minutes"] = String(primaryWindowMinutes);
    headers["x-codex-primary-reset-after-seconds"] = String(primaryWindowMinutes * 60);
    headers["x-codex-secondary-used-percent"] = "1";
    headers["x-codex-secondary-window-minutes"] = String(secondaryWindowMinutes);
    headers["x-codex-secondary-reset-after-seconds"] = String(secondaryWindowMinutes * 60);
    return headers;
  }
  if (profile.rateLimits === "anthropic") {
    headers["anthropic-ratelimit-requests-limit"] = String(requestLimit);
    headers["anthropic-ratelimit-requests-remaining"] = String(requestLimit - 1);
    headers["anthropic-ratelimit-tokens-limit"] = String(tokenLimit);
    headers["anthropic-ratelimit-tokens-remaining"] = String(tokenLimit - 1_000);
    return headers;
  }
  headers["x-ratelimit-limit-requests"] = String(requestLimit);
  headers["x-ratelimit-remaining-requests"] = String(requestLimit - 1);
  headers["x-ratelimit-reset-requests"] = "6ms";
  headers["x-ratelimit-limit-tokens"] = String(tokenLimit);
  headers["x-ratelimit-remaining-tokens"] = String(tokenLimit - 1_000);
  headers["x-ratelimit-reset-tokens"] = "2ms";
  return headers;
}

/** Codex's websocket `codex.rate_limits` event (sent before `response.created`), or null elsewhere. */
export function rateLimitsEvent(profile: Profile, nowSeconds: number): Record<string, unknown> | null {
  if (profile.rateLimits !== "codex") return null;
  const window = (minutes: number): Record<string, number> => ({
    used_percent: 1,
    window_minutes: minutes,
    reset_after_seconds: minutes * 60,
    reset_at: nowSeconds + minutes * 60,
  });
  return {
    type: "codex.rate_limits",
    plan_type: "pro",
    rate_limits: { allowed: true, limit_reached: false, primary: window(primaryWindowMinutes), secondary: window(secondaryWindowMinutes) },
    code_review_rate_limits: null,
  };
}
