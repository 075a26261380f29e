import { SdkErrorCode } from "../errors.js";
import type { Manifest } from "../manifest-schema.js";
import { isLoopbackHost, tryParseUrl } from "../origins.js";
import { problem, type ManifestProblem } from "../problem.js";
import { redactUrlCredentials } from "../url-credentials.js";
import { providerUrls } from "./provider-urls.js";

/** https and wss everywhere, except on loopback hosts where http and ws are fine. */
export function checkSecureSchemes(manifest: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  manifest.providers.forEach((provider, index) => {
    for (const [path, written] of providerUrls(provider, index)) {
      // An origin's `:*` port wildcard is not part of its scheme.
      const url = path.includes("/origins/") ? written.replace(/:\*$/, "") : written;
      const parsed = tryParseUrl(url);
      if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "ws:")) continue;
      if (isLoopbackHost(parsed.hostname)) continue;
      problems.push(
        problem(
          SdkErrorCode.manifestInsecureScheme,
          path,
          `${redactUrlCredentials(url)} uses ${parsed.protocol.slice(0, -1)} on ${parsed.hostname}, which is not a loopback host: credentials and prompts would travel unencrypted.`,
          `Use ${parsed.protocol === "http:" ? "https" : "wss"}://, or a loopback host (127.0.0.1, localhost, [::1]) for local servers.`,
        ),
      );
    }
  });
  return problems;
}
