import { createServer, type Server } from "node:http";
import * as oauth from "oauth4webapi";
import { signInFailed } from "../errors.js";
import { entryFromTokens, oauthErrorCode, type OAuthClient } from "./oauth-client.js";
import type { TokenEntry } from "./token-entry.js";

export interface CodeFlowOptions {
  /** The callback's port: default the manifest's (the one registered at the issuer); 0 picks a free one. */
  port?: number;
  /** Called once the callback listens, with the URL the user must open (print it, open a browser). */
  onAuthorizeUrl(url: string): void | Promise<void>;
  /** What the user pasted instead: the redirect URL from the browser's address bar, or the code. */
  pasted?: Promise<string | undefined>;
  signal?: AbortSignal;
  /** Default five minutes. */
  timeoutMs?: number;
}

const page = (title: string, text: string): string =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;margin:4em"><h1>${title}</h1><p>${text}</p></body>`;

/**
 * The authorization code flow with PKCE (RFC 7636) and a loopback redirect (RFC 8252): a one-shot
 * server on 127.0.0.1 receives the browser's redirect; a pasted redirect URL or code works too,
 * for machines where the browser runs elsewhere. The `state` guards both paths.
 * @throws SY_ERR_AUTH_SIGN_IN_FAILED (denied, timed out, port taken, code refused)
 */
export async function codeFlow(client: OAuthClient, options: CodeFlowOptions): Promise<TokenEntry> {
  const declaration = client.declaration;
  const verifier = oauth.generateRandomCodeVerifier();
  const challenge = await oauth.calculatePKCECodeChallenge(verifier);
  const state = oauth.generateRandomState();
  let deliver: (params: URLSearchParams) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const received = new Promise<URLSearchParams>((resolve, reject) => {
    deliver = resolve;
    fail = reject;
  });
  const accept = (params: URLSearchParams): boolean => {
    try {
      deliver(oauth.validateAuthResponse(client.as, client.client, params, state));
      return true;
    } catch (error) {
      if (error instanceof oauth.AuthorizationResponseError) {
        fail(signInFailed(client.provider, `the issuer answered ${error.error}${error.error_description ? ` (${error.error_description})` : ""}`, "Approve the sign-in in the browser, then run login again."));
        return true;
      }
      return false; // a wrong or missing state: not our redirect; keep waiting for the real one
    }
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method !== "GET" || url.pathname !== declaration.redirect.path) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found.");
      return;
    }
    const ok = accept(url.searchParams);
    res.writeHead(ok ? 200 : 400, { "content-type": "text/html; charset=utf-8", connection: "close" });
    res.end(ok ? page("Signed in", "You can close this window and return to your terminal.") : page("Sign-in not recognised", "This redirect does not belong to the sign-in in progress."));
  });
  const port = await listen(server, options.port ?? declaration.redirect.port, client.provider);
  const redirectUri = `http://${declaration.redirect.host ?? "localhost"}:${port}${declaration.redirect.path}`;
  const timeoutMs = options.timeoutMs ?? 300_000;
  const timer = setTimeout(() => fail(signInFailed(client.provider, `no sign-in arrived within ${Math.round(timeoutMs / 1000)} s`, "Run login again and finish in the browser, or paste the redirect URL.")), timeoutMs);
  const onAbort = (): void => fail(signInFailed(client.provider, "it was cancelled", "Run login again."));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const url = new URL(client.as.authorization_endpoint as string);
    const params: Record<string, string> = {
      response_type: "code",
      client_id: declaration.clientId,
      redirect_uri: redirectUri,
      scope: declaration.scopes.join(" "),
      code_challenge: challenge,
      code_challenge_method: "S256",
      state,
      ...declaration.authorizeParams,
    };
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    await options.onAuthorizeUrl(url.href);
    void options.pasted?.then((text) => {
      if (text === undefined || text.trim() === "") return;
      if (!accept(pastedParams(text.trim(), state))) {
        fail(signInFailed(client.provider, "the pasted text is not the redirect of this sign-in (its state does not match)", "Paste the whole URL the browser was sent to, or run login again."));
      }
    });
    const callback = await received;
    const response = await oauth.authorizationCodeGrantRequest(client.as, client.client, client.auth, callback, redirectUri, verifier, client.options);
    const tokens = await oauth.processAuthorizationCodeResponse(client.as, client.client, response).catch((error: unknown) => {
      const code = oauthErrorCode(error);
      throw signInFailed(client.provider, `${client.issuerOrigin} refused the authorization code${code ? ` (${code})` : ""}`, "Run login again.", error);
    });
    return entryFromTokens(client, tokens, "login");
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A pasted redirect URL, a query string, `code#state` (as pi-ai accepts) or a bare code. */
function pastedParams(text: string, state: string): URLSearchParams {
  if (/^https?:\/\//i.test(text)) return new URL(text).searchParams;
  if (text.includes("code=")) return new URLSearchParams(text.replace(/^[?#]/, ""));
  const [code, pastedState] = text.split("#");
  return new URLSearchParams({ code: code ?? "", state: pastedState ?? state });
}

function listen(server: Server, port: number, provider: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        signInFailed(
          provider,
          `the sign-in callback cannot listen on 127.0.0.1:${port} (${error.code ?? error.message})`,
          "Stop what uses that port (another sign-in?), or pass --no-browser and paste the redirect URL.",
          error,
        ),
      ),
    );
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
