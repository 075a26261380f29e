import { manifestUrlCredentials } from "../errors.js";
import type { Manifest } from "../manifest-schema.js";
import type { ManifestProblem } from "../problem.js";
import { hasUrlCredentials } from "../url-credentials.js";
import { providerUrls } from "./provider-urls.js";

/** No URL (baseUrl, websocket url, origins) carries `user:password@`. */
export function checkUrlCredentials(manifest: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  manifest.providers.forEach((provider, index) => {
    for (const [path, url] of providerUrls(provider, index)) {
      if (hasUrlCredentials(url)) problems.push(manifestUrlCredentials(path, provider.id));
    }
  });
  return problems;
}
