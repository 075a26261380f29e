import { KNOWN_APIS, apiSpeaksTransport, type TransportKind } from "../apis.js";
import { SdkErrorCode } from "../errors.js";
import type { Manifest } from "../manifest-schema.js";
import { problem, type ManifestProblem } from "../problem.js";

/** Each provider's `api` is one the host implements, and each declared transport speaks it. */
export function checkApis(manifest: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const known = Object.keys(KNOWN_APIS).join(", ");
  manifest.providers.forEach((provider, index) => {
    if (!Object.hasOwn(KNOWN_APIS, provider.api)) {
      problems.push(
        problem(
          SdkErrorCode.manifestUnknownApi,
          `/providers/${index}/api`,
          `Provider "${provider.id}" declares api "${provider.api}", which this host does not implement.`,
          `Use one of: ${known}.`,
        ),
      );
      return;
    }
    for (const kind of Object.keys(provider.transports) as TransportKind[]) {
      if (!apiSpeaksTransport(provider.api, kind)) {
        problems.push(
          problem(
            SdkErrorCode.manifestUnknownApi,
            `/providers/${index}/transports/${kind}`,
            `Provider "${provider.id}" declares a ${kind} transport, but api "${provider.api}" is not spoken over ${kind}.`,
            `Remove the ${kind} capability or choose an api that ${kind} speaks.`,
          ),
        );
      }
    }
  });
  return problems;
}
