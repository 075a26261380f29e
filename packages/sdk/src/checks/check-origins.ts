import { SdkErrorCode } from "../errors.js";
import type { Manifest } from "../manifest-schema.js";
import { isInsideOrigins, normalizeDeclaredOrigin, tryParseUrl } from "../origins.js";
import { problem, type ManifestProblem } from "../problem.js";
import { hasUrlCredentials, redactUrlCredentials } from "../url-credentials.js";

/**
 * Every origin is a real origin, and baseUrl and every transport URL lie inside the provider's
 * declared origins: a credential never goes where the manifest did not say it may.
 */
export function checkOrigins(manifest: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  manifest.providers.forEach((provider, index) => {
    const at = `/providers/${index}`;
    provider.origins.forEach((origin, originIndex) => {
      // An origin with user:password@ is reported (once) by checkUrlCredentials.
      if (!normalizeDeclaredOrigin(origin) && !hasUrlCredentials(origin)) {
        problems.push(
          problem(
            SdkErrorCode.manifestInvalidUrl,
            `${at}/origins/${originIndex}`,
            `"${redactUrlCredentials(origin)}" is not an origin.`,
            'Write scheme, host and optional port only, e.g. "https://api.openai.com" or "http://127.0.0.1:*".',
          ),
        );
      }
    });
    const targets: Array<[string, string | undefined, readonly string[]]> = [
      [`${at}/baseUrl`, provider.baseUrl, ["http:", "https:"]],
      [`${at}/transports/websocket/url`, provider.transports.websocket?.url, ["ws:", "wss:"]],
    ];
    for (const [path, url, schemes] of targets) {
      if (url === undefined) continue;
      const parsed = tryParseUrl(url);
      if (!parsed || !schemes.includes(parsed.protocol)) {
        problems.push(
          problem(
            SdkErrorCode.manifestInvalidUrl,
            path,
            `"${redactUrlCredentials(url)}" is not a valid ${schemes.map((s) => s.slice(0, -1)).join("/")} URL.`,
            `Write an absolute URL starting with ${schemes.map((s) => `${s}//`).join(" or ")}.`,
          ),
        );
        continue;
      }
      if (!isInsideOrigins(parsed, provider.origins)) {
        problems.push(
          problem(
            SdkErrorCode.manifestOriginMismatch,
            path,
            `${redactUrlCredentials(url)} is outside provider "${provider.id}"'s origins (${redactUrlCredentials(provider.origins.join(", "))}); its credentials would reach a host that does not own them.`,
            "Point the URL at one of the declared origins, or add its origin to `origins` if this provider really owns it.",
          ),
        );
      }
    }
  });
  return problems;
}
