import { manifestUrlCredentials } from "../errors.js";
import type { Manifest } from "../manifest-schema.js";
import type { ManifestProblem } from "../problem.js";
import { hasUrlCredentials } from "../url-credentials.js";

/** No URL (baseUrl, websocket url, origins) carries `user:password@`. */
export function checkUrlCredentials(manifest: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  manifest.providers.forEach((provider, index) => {
    const at = `/providers/${index}`;
    const urls: Array<[string, string | undefined]> = [
      [`${at}/baseUrl`, provider.baseUrl],
      [`${at}/transports/websocket/url`, provider.transports.websocket?.url],
      ...provider.origins.map((origin, i): [string, string] => [`${at}/origins/${i}`, origin]),
    ];
    for (const [path, url] of urls) {
      if (url !== undefined && hasUrlCredentials(url)) problems.push(manifestUrlCredentials(path, provider.id));
    }
  });
  return problems;
}
