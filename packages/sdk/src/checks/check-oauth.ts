import { SdkErrorCode } from "../errors.js";
import type { Manifest } from "../manifest-schema.js";
import { credentialOrigin, isInsideOrigins, isLoopbackHost, tryParseUrl } from "../origins.js";
import { problem, type ManifestProblem } from "../problem.js";

/**
 * A sign-in declaration is usable and safe: `scheme: "oauth"` comes with an `oauth` block (and
 * only then), the issuer is https (http only on loopback), the redirect stays on a loopback host
 * (RFC 8252), and the issuer is not one of the provider's credential origins unless the manifest
 * says so — otherwise a bearer meant for the API would be sent to the sign-in server, and back.
 */
export function checkOAuth(manifest: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  manifest.providers.forEach((provider, index) => {
    const at = `/providers/${index}/auth`;
    const auth = provider.auth;
    if (!auth) return;
    const oauth = auth.oauth;
    if (auth.scheme === "oauth" && !oauth) {
      problems.push(
        problem(SdkErrorCode.manifestOAuthMismatch, `${at}/scheme`, `Provider "${provider.id}" uses scheme "oauth" but declares no \`auth.oauth\`.`, "Add `auth.oauth` with issuer, clientId, endpoints, scopes and redirect."),
      );
    }
    if (!oauth) return;
    if (auth.scheme !== "oauth") {
      problems.push(
        problem(SdkErrorCode.manifestOAuthMismatch, `${at}/oauth`, `Provider "${provider.id}" declares \`auth.oauth\` but its scheme is "${auth.scheme}", so the sign-in is never used.`, 'Set "scheme": "oauth", or remove `auth.oauth`.'),
      );
    }
    const issuer = tryParseUrl(oauth.issuer);
    if (!issuer || (issuer.protocol !== "https:" && issuer.protocol !== "http:") || issuer.search || issuer.hash || issuer.username) {
      problems.push(problem(SdkErrorCode.manifestInvalidUrl, `${at}/oauth/issuer`, `"${oauth.issuer}" is not an issuer URL.`, 'Write the issuer\'s absolute https URL, e.g. "https://auth.openai.com".'));
    } else if (issuer.protocol === "http:" && !isLoopbackHost(issuer.hostname)) {
      problems.push(
        problem(
          SdkErrorCode.manifestInsecureScheme,
          `${at}/oauth/issuer`,
          `The issuer ${oauth.issuer} uses http on ${issuer.hostname}: authorization codes and refresh tokens would travel unencrypted.`,
          "Use the issuer's https:// URL (config `oauthIssuer` may point a test at a loopback issuer).",
        ),
      );
    } else if (!oauth.issuerIsCredentialOrigin && isInsideOrigins(issuer, provider.origins)) {
      problems.push(
        problem(
          SdkErrorCode.manifestOAuthIssuerInOrigins,
          `${at}/oauth/issuer`,
          `The issuer's origin ${credentialOrigin(issuer)} is one of provider "${provider.id}"'s credential origins, so API bearers would also reach the sign-in server.`,
          'Remove the issuer\'s origin from `origins`, or set "issuerIsCredentialOrigin": true if this provider really serves both.',
        ),
      );
    }
    const host = oauth.redirect.host ?? "localhost";
    if (!isLoopbackHost(host)) {
      problems.push(
        problem(
          SdkErrorCode.manifestOAuthRedirectNotLoopback,
          `${at}/oauth/redirect/host`,
          `The redirect host "${host}" is not a loopback host: the authorization code would leave this machine.`,
          'Use "localhost" (or 127.0.0.1 / [::1]), as RFC 8252 asks of native apps.',
        ),
      );
    }
  });
  return problems;
}
