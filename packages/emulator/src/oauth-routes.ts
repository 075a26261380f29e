/**
 * The issuer's HTTP endpoints, at ChatGPT's paths: `GET /oauth/authorize` (auto-approves and
 * redirects to the loopback redirect URI with a code), `POST /oauth/token` (authorization_code
 * with PKCE, refresh_token with rotation, the RFC 8628 device_code grant; form or JSON bodies, as
 * the Codex CLI refreshes with JSON), `POST /oauth/device/code`, `GET /oauth/device?user_code=`
 * (the approval a user's browser would give) and `GET /.well-known/openid-configuration`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { OAuthIssuer, TokenOutcome } from "./oauth-issuer.js";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** True for the paths this module serves. */
export function isOAuthPath(pathname: string): boolean {
  return pathname.startsWith("/oauth/") || pathname === "/.well-known/openid-configuration";
}

export async function handleOAuthRequest(issuer: OAuthIssuer, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method ?? "GET"} ${url.pathname}`;
  switch (route) {
    case "GET /.well-known/openid-configuration":
      return json(res, 200, metadata(issuer.url));
    case "GET /oauth/authorize":
      return authorize(issuer, res, url.searchParams);
    case "POST /oauth/token":
      return token(issuer, res, await readParams(req));
    case "POST /oauth/device/code":
      return deviceCode(issuer, res, await readParams(req));
    case "GET /oauth/device":
      return approveDevice(issuer, res, url.searchParams.get("user_code") ?? "");
    default:
      return json(res, 404, { error: "not_found", error_description: `No issuer endpoint at ${route}.` });
  }
}

function metadata(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    device_authorization_endpoint: `${issuer}/oauth/device/code`,
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code", "refresh_token", DEVICE_GRANT],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["none"],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
  };
}

function authorize(issuer: OAuthIssuer, res: ServerResponse, params: URLSearchParams): void {
  const redirectUri = params.get("redirect_uri") ?? "";
  const redirect = safeRedirect(redirectUri);
  // Never redirect to a URI that failed validation: answer the browser directly (RFC 6749 §4.1.2.1).
  if (!redirect) return text(res, 400, `invalid_request: redirect_uri ${JSON.stringify(redirectUri)} must be an http URL on a loopback host.`);
  const clientId = params.get("client_id") ?? "";
  if (!clientId) return text(res, 400, "invalid_request: client_id is required.");
  const state = params.get("state");
  const fail = (error: string, description: string): void => {
    redirect.searchParams.set("error", error);
    redirect.searchParams.set("error_description", description);
    if (state !== null) redirect.searchParams.set("state", state);
    res.writeHead(302, { location: redirect.href }).end();
  };
  if (params.get("response_type") !== "code") return fail("unsupported_response_type", "Only response_type=code is supported.");
  const challenge = params.get("code_challenge") ?? "";
  if (!challenge || params.get("code_challenge_method") !== "S256") return fail("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256.");
  const code = issuer.authorize({ clientId, redirectUri, scope: params.get("scope") ?? "", challenge });
  redirect.searchParams.set("code", code);
  if (state !== null) redirect.searchParams.set("state", state);
  res.writeHead(302, { location: redirect.href }).end();
}

function token(issuer: OAuthIssuer, res: ServerResponse, params: URLSearchParams | undefined): void {
  if (!params) return json(res, 400, { error: "invalid_request", error_description: "Send a form-encoded or JSON body." });
  const clientId = params.get("client_id") ?? "";
  if (!clientId) return json(res, 401, { error: "invalid_client", error_description: "client_id is required." });
  const grant = params.get("grant_type");
  let outcome: TokenOutcome;
  if (grant === "authorization_code") {
    outcome = issuer.exchangeCode({ code: params.get("code") ?? "", clientId, redirectUri: params.get("redirect_uri") ?? "", verifier: params.get("code_verifier") ?? "" });
  } else if (grant === "refresh_token") {
    outcome = issuer.refresh({ refreshToken: params.get("refresh_token") ?? "", clientId });
  } else if (grant === DEVICE_GRANT) {
    outcome = issuer.pollDevice({ deviceCode: params.get("device_code") ?? "", clientId });
  } else {
    outcome = { ok: false, status: 400, error: "unsupported_grant_type", description: `grant_type ${JSON.stringify(grant)} is not supported.` };
  }
  if (outcome.ok) json(res, 200, outcome.body);
  else json(res, outcome.status, { error: outcome.error, error_description: outcome.description });
}

function deviceCode(issuer: OAuthIssuer, res: ServerResponse, params: URLSearchParams | undefined): void {
  const clientId = params?.get("client_id") ?? "";
  if (!clientId) return json(res, 401, { error: "invalid_client", error_description: "client_id is required." });
  const started = issuer.startDevice(clientId, params?.get("scope") ?? "");
  const verification = `${issuer.url}/oauth/device`;
  json(res, 200, {
    device_code: started.deviceCode,
    user_code: started.userCode,
    verification_uri: verification,
    verification_uri_complete: `${verification}?user_code=${encodeURIComponent(started.userCode)}`,
    expires_in: started.expiresIn,
    interval: issuer.deviceIntervalSeconds,
  });
}

function approveDevice(issuer: OAuthIssuer, res: ServerResponse, userCode: string): void {
  if (issuer.approveDevice(userCode)) text(res, 200, "Signed in. You can close this window and return to your terminal.");
  else text(res, 404, `No pending sign-in has the code ${JSON.stringify(userCode)}.`);
}

function safeRedirect(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === "http:" && LOOPBACK.has(url.hostname) && !url.hash ? url : undefined;
  } catch {
    return undefined;
  }
}

async function readParams(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) return undefined;
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks).toString("utf8");
  if (!(req.headers["content-type"] ?? "").includes("application/json")) return new URLSearchParams(body);
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    return new URLSearchParams(Object.entries(value).map(([key, item]): [string, string] => [key, String(item)]));
  } catch {
    return undefined;
  }
}

function json(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  res.end(text);
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}
