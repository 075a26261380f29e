import { credentialOrigin, isLoopbackHost, type OAuthManifest } from "@switchyard/sdk";
import * as oauth from "oauth4webapi";
import { jwtExpiry, accountFromClaims } from "./jwt-claims.js";
import type { TokenEntry } from "./token-entry.js";

/**
 * One provider's OAuth client, built from its manifest declaration and the effective issuer
 * (config `oauthIssuer` may move it). oauth4webapi does the protocol work: request shapes, PKCE,
 * state and response validation. Endpoints are paths on the issuer, so every request, and the
 * refresh token with it, goes to the issuer's origin and nowhere else.
 */
export interface OAuthClient {
  provider: string;
  declaration: OAuthManifest;
  issuer: string;
  issuerOrigin: string;
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  auth: oauth.ClientAuth;
  /** Request options: plain http is allowed only for a loopback issuer (the emulator). */
  options: { [oauth.allowInsecureRequests]?: boolean; signal?: AbortSignal };
}

export function createOAuthClient(provider: string, declaration: OAuthManifest, issuer: string): OAuthClient {
  const base = new URL(issuer);
  const origin = credentialOrigin(base) ?? base.origin;
  const endpoint = (path: string): string => {
    const url = new URL(path, `${origin}/`);
    // The schema forbids "//host" paths; this makes the origin rule hold whatever a caller passes.
    if (credentialOrigin(url) !== origin) throw new Error(`issuer endpoint ${path} leaves ${origin}`);
    return url.href;
  };
  return {
    provider,
    declaration,
    issuer,
    issuerOrigin: origin,
    as: {
      issuer,
      authorization_endpoint: endpoint(declaration.authorizationEndpoint),
      token_endpoint: endpoint(declaration.tokenEndpoint),
      ...(declaration.deviceAuthorizationEndpoint ? { device_authorization_endpoint: endpoint(declaration.deviceAuthorizationEndpoint) } : {}),
    },
    client: { client_id: declaration.clientId, token_endpoint_auth_method: "none" },
    auth: oauth.None(),
    options: base.protocol === "http:" && isLoopbackHost(base.hostname) ? { [oauth.allowInsecureRequests]: true } : {},
  };
}

/** A store entry for this client's issuer from the tokens it holds; the account comes from the declared claim. */
export function makeEntry(
  client: OAuthClient,
  tokens: { accessToken: string; refreshToken?: string | undefined; idToken?: string | undefined; expiresAt?: number | undefined; accountId?: string | undefined },
  source: TokenEntry["source"],
): TokenEntry {
  const { accessToken, refreshToken, idToken } = tokens;
  const expiresAt = tokens.expiresAt ?? jwtExpiry(accessToken);
  const accountId = tokens.accountId ?? accountFromClaims(client.declaration.accountClaim, idToken, accessToken);
  return {
    issuer: client.issuer,
    clientId: client.declaration.clientId,
    accessToken,
    ...(refreshToken ? { refreshToken } : {}),
    ...(idToken ? { idToken } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    ...(accountId ? { accountId } : {}),
    updatedAt: Date.now(),
    source,
  };
}

/** A token endpoint answer as a store entry; a refresh keeps what the answer leaves out (refresh token, id token). */
export function entryFromTokens(client: OAuthClient, tokens: oauth.TokenEndpointResponse, source: TokenEntry["source"], previous?: TokenEntry): TokenEntry {
  const idToken = tokens.id_token ?? previous?.idToken;
  return makeEntry(
    client,
    {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? previous?.refreshToken,
      idToken,
      expiresAt: typeof tokens.expires_in === "number" ? Date.now() + tokens.expires_in * 1000 : undefined,
      accountId: accountFromClaims(client.declaration.accountClaim, idToken, tokens.access_token) ?? previous?.accountId,
    },
    source,
  );
}

/** The refresh grant: one request to the issuer's token endpoint. Throws oauth4webapi's errors. */
export async function refreshGrant(client: OAuthClient, entry: TokenEntry): Promise<TokenEntry> {
  const response = await oauth.refreshTokenGrantRequest(client.as, client.client, client.auth, entry.refreshToken as string, client.options);
  const tokens = await oauth.processRefreshTokenResponse(client.as, client.client, response);
  return entryFromTokens(client, tokens, "refresh", entry);
}

/** The OAuth error code an issuer answered with (invalid_grant, …), when the failure is one. */
export function oauthErrorCode(error: unknown): string | undefined {
  return error instanceof oauth.ResponseBodyError ? error.error : undefined;
}
