import { SwitchyardError } from "@switchyard/sdk";
import { describe, expect, it } from "vitest";
import { previousResponseNotFound, unauthorized } from "./errors.js";
import { toClientError } from "./openai-error.js";

const upstream = (code: string, details: Record<string, unknown>) => new SwitchyardError(code, `Upstream said no (key sk-live-SECRET-123).`, { details });
const scrub = (text: string) => text.split("sk-live-SECRET-123").join("[redacted]");

describe("errors as clients see them", () => {
  it("keeps an upstream 429 a 429, but turns an upstream 401 into a 502: the credential at fault is the gateway's", () => {
    expect(toClientError(upstream("SY_ERR_TRANSPORT_HTTP_STATUS", { status: 429 }), scrub)).toMatchObject({ status: 429, body: { error: { type: "rate_limit_error", code: "SY_ERR_TRANSPORT_HTTP_STATUS" } } });
    expect(toClientError(upstream("SY_ERR_TRANSPORT_HTTP_STATUS", { status: 401 }), scrub)).toMatchObject({ status: 502, body: { error: { type: "server_error" } } });
    expect(toClientError(upstream("SY_ERR_TRANSPORT_HTTP_STATUS", { status: 400 }), scrub).status).toBe(400);
    expect(toClientError(upstream("SY_ERR_TRANSPORT_TIMEOUT", {}), scrub).status).toBe(504);
  });

  it("answers an unknown model with 404 naming the model param, and removes secrets from the message", () => {
    const { status, body } = toClientError(upstream("SY_ERR_MODEL_UNKNOWN", {}), scrub);
    expect(status).toBe(404);
    expect(body.error.param).toBe("model");
    expect(body.error.message).toBe("Upstream said no (key [redacted]).");
  });

  it("uses the real service's codes where real clients act on them, and SY_ERR codes elsewhere", () => {
    expect(toClientError(previousResponseNotFound("resp_1"), scrub).body.error).toMatchObject({ code: "previous_response_not_found", param: "previous_response_id" });
    expect(toClientError(unauthorized(false), scrub)).toMatchObject({ status: 401, body: { error: { code: "SY_ERR_GATEWAY_UNAUTHORIZED", type: "invalid_request_error" } } });
  });

  it("answers an uncoded error with 500 and SY_ERR_GATEWAY_INTERNAL", () => {
    expect(toClientError(new Error("boom"), scrub)).toMatchObject({ status: 500, body: { error: { code: "SY_ERR_GATEWAY_INTERNAL", type: "server_error" } } });
  });
});
