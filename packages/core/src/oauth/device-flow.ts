import { setTimeout as sleep } from "node:timers/promises";
import * as oauth from "oauth4webapi";
import { signInFailed } from "../errors.js";
import { entryFromTokens, oauthErrorCode, type OAuthClient } from "./oauth-client.js";
import type { TokenEntry } from "./token-entry.js";

/** What the user must do to approve a device sign-in. */
export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string | undefined;
  expiresInSeconds: number;
}

/**
 * The device authorization grant (RFC 8628) for machines without a browser: show a code and a
 * URL, then poll the token endpoint at the issuer's interval (slower on `slow_down`) until the
 * user approves, denies, or the code expires.
 * @throws SY_ERR_AUTH_SIGN_IN_FAILED
 */
export async function deviceFlow(client: OAuthClient, options: { onPrompt(prompt: DeviceCodePrompt): void | Promise<void>; signal?: AbortSignal }): Promise<TokenEntry> {
  if (!client.as.device_authorization_endpoint) {
    throw signInFailed(client.provider, "its manifest declares no device authorization endpoint", "Sign in without --device (the browser flow; --no-browser prints the URL).");
  }
  const requestOptions = { ...client.options, ...(options.signal ? { signal: options.signal } : {}) };
  const started = await oauth
    .deviceAuthorizationRequest(client.as, client.client, client.auth, { scope: client.declaration.scopes.join(" ") }, requestOptions)
    .then((response) => oauth.processDeviceAuthorizationResponse(client.as, client.client, response))
    .catch((error: unknown) => {
      throw signInFailed(client.provider, `${client.issuerOrigin} refused to start a device sign-in (${oauthErrorCode(error) ?? (error as Error).message})`, "Try again, or sign in without --device.", error);
    });
  await options.onPrompt({
    userCode: started.user_code,
    verificationUri: started.verification_uri,
    verificationUriComplete: started.verification_uri_complete,
    expiresInSeconds: started.expires_in,
  });
  let intervalMs = (started.interval ?? 5) * 1000;
  const deadline = Date.now() + started.expires_in * 1000;
  while (Date.now() < deadline) {
    await sleep(intervalMs, undefined, options.signal ? { signal: options.signal } : {}).catch(() => {
      throw signInFailed(client.provider, "it was cancelled", "Run login --device again.");
    });
    try {
      const response = await oauth.deviceCodeGrantRequest(client.as, client.client, client.auth, started.device_code, requestOptions);
      return entryFromTokens(client, await oauth.processDeviceCodeResponse(client.as, client.client, response), "device");
    } catch (error) {
      const code = oauthErrorCode(error);
      if (code === "authorization_pending") continue;
      if (code === "slow_down") {
        intervalMs += 5000;
        continue;
      }
      const why = code === "access_denied" ? "the sign-in was denied" : code === "expired_token" ? "the code expired before it was approved" : `${client.issuerOrigin} answered ${code ?? (error as Error).message}`;
      throw signInFailed(client.provider, why, "Run login --device again and approve the code in time.", error);
    }
  }
  throw signInFailed(client.provider, "the code expired before it was approved", "Run login --device again and approve the code in time.");
}
