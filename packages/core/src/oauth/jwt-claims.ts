import type { OAuthManifest } from "@switchyard/sdk";

/**
 * Reads claims from a JWT without verifying it. The client trusts the token endpoint over TLS
 * (as the Codex CLI does); the claims only tell it the expiry and the account to name in a header.
 */
export function jwtClaims(token: string | undefined): Record<string, unknown> | undefined {
  const payload = token?.split(".")[1];
  if (!payload) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The access token's `exp` in epoch ms, when it has one. */
export function jwtExpiry(token: string): number | undefined {
  const exp = jwtClaims(token)?.["exp"];
  return typeof exp === "number" ? exp * 1000 : undefined;
}

/** The account the declared claim names, from the id token first, then the access token. */
export function accountFromClaims(claim: OAuthManifest["accountClaim"], ...tokens: Array<string | undefined>): string | undefined {
  if (!claim) return undefined;
  for (const token of tokens) {
    let value: unknown = jwtClaims(token)?.[claim.claim];
    if (claim.field !== undefined) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[claim.field] : undefined;
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}
