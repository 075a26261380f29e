import { SdkErrorCode } from "../errors.js";
import type { Manifest } from "../manifest-schema.js";
import { problem, type ManifestProblem } from "../problem.js";

/** A websocket capability names its own URL: no default websocket URL exists anywhere. */
export function checkWebsocketUrl(manifest: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  manifest.providers.forEach((provider, index) => {
    const websocket = provider.transports.websocket;
    if (websocket && websocket.url === undefined) {
      problems.push(
        problem(
          SdkErrorCode.manifestWebsocketUrlMissing,
          `/providers/${index}/transports/websocket`,
          `Provider "${provider.id}" declares a websocket capability without a url, so it can never be used.`,
          'Add "url": "wss://<this provider\'s host>/…/responses", or remove the websocket capability.',
        ),
      );
    }
  });
  return problems;
}
