/**
 * Which bearers a profile admits. Every profile refuses a missing bearer (401). The codex profile
 * also refuses a JWT-shaped bearer its own issuer did not sign, or one that expired, with the 401
 * bodies the ChatGPT backend sends, so a client learns to refresh. An opaque (non-JWT) bearer is
 * still admitted everywhere: tests and the demo use placeholder keys, and no secret is compared.
 */
import { apiError, type ApiError } from "./api-error.js";
import { hasBearer } from "./auth.js";
import type { OAuthIssuer } from "./oauth-issuer.js";
import { looksLikeJwt } from "./oauth-jwt.js";
import type { ProfileName } from "./profiles.js";

export function missingAuth(): ApiError {
  return authError(
    401,
    "missing_api_key",
    "You didn't provide an API key. Send it in the Authorization header as 'Bearer YOUR_KEY' (the emulator accepts any non-empty key).",
  );
}

/** Authentication errors keep the `{ error: {…} }` shape on every profile (see ApiError.shape). */
function authError(status: number, code: string, message: string): ApiError {
  return { ...apiError(status, code, message), shape: "error-object" };
}

/** The 401 to answer, or null when the request may go on. */
export function bearerRefusal(issuer: OAuthIssuer, profile: ProfileName, authorization: string | undefined): ApiError | null {
  if (!hasBearer(authorization)) return missingAuth();
  if (profile !== "openai-codex") return null;
  const token = (authorization as string).trim().replace(/^Bearer\s+/i, "");
  if (!looksLikeJwt(token)) return null;
  const verdict = issuer.verifyAccessToken(token);
  if (verdict === "expired") return authError(401, "token_expired", "Provided authentication token is expired. Please try signing in again.");
  if (verdict === "unknown") return authError(401, "token_invalidated", "Your authentication token has been invalidated. Please try signing in again.");
  return null;
}
