import type { SignInStatus } from "@switchyard/core";

/** One line about a sign-in: provider, account, expiry, issuer. Never a token (the status holds none). */
export function describeSignIn(status: SignInStatus): string {
  const account = status.account ? ` as account ${status.account}` : "";
  const expiry = status.expiresAt ? `; access token ${status.expired ? "expired" : "expires"} ${status.expiresAt}${status.refreshable ? " (refreshable)" : ""}` : "";
  return `${status.provider}${account} at ${status.issuer}${expiry}`;
}
