import { SdkErrorCode } from "../errors.js";
import type { Manifest } from "../manifest-schema.js";
import { isLoopbackHost, tryParseUrl } from "../origins.js";
import { problem, type ManifestProblem } from "../problem.js";
import { redactUrlCredentials } from "../url-credentials.js";

/** https and wss everywhere, except on loopback hosts where http and ws are fine. */
export function checkSecureSchemes(manifest: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  manifest.providers.forEach((provider, index) => {
    const at = `/providers/${index}`;
    const urls: Array<[string, string | undefined]> = [
      [`${at}/baseUrl`, provider.baseUrl],
      [`${at}/transports/websocket/url`, provider.transports.websocket?.url],
      ...provider.origins.map((origin, i): [string, string] => [`${at}/origins/${i}`, origin.replace(/:\*$/, "")]),
    ];
    for (const [path, url] of urls) {
      const parsed = url === undefined ? undefined : tryParseUrl(url);
      if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "ws:")) continue;
      if (isLoopbackHost(parsed.hostname)) continue;
      problems.push(
        problem(
          SdkErrorCode.manifestInsecureScheme,
          path,
          `${redactUrlCredentials(url ?? "")} uses ${parsed.protocol.slice(0, -1)} on ${parsed.hostname}, which is not a loopback host: credentials and prompts would travel unencrypted.`,
          `Use ${parsed.protocol === "http:" ? "https" : "wss"}://, or a loopback host (127.0.0.1, localhost, [::1]) for local servers.`,
        ),
      );
    }
  });
  return problems;
}
