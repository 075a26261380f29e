import { apiCatalog, type ApiDeclaration, type TransportKind } from "../apis.js";
import { SdkErrorCode } from "../errors.js";
import type { Manifest } from "../manifest-schema.js";
import { problem, type ManifestProblem } from "../problem.js";

/**
 * Each provider's `api` is in `catalog` (default: the shipped apis plus the ones this manifest
 * declares), and each declared transport speaks it. An api id the manifest declares twice, or
 * that the host already ships, is an error too.
 */
export function checkApis(manifest: Manifest, catalog: ReadonlyMap<string, ApiDeclaration> = apiCatalog([manifest])): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const seen = new Set<string>();
  (manifest.apis ?? []).forEach((api, index) => {
    const owner = catalog.get(api.id)?.extension;
    if (seen.has(api.id) || (owner !== undefined && owner !== manifest.id) || (owner === undefined && catalog.has(api.id))) {
      problems.push(
        problem(
          SdkErrorCode.manifestUnknownApi,
          `/apis/${index}/id`,
          `Extension "${manifest.id}" declares api "${api.id}", which ${owner && owner !== manifest.id ? `extension "${owner}"` : seen.has(api.id) ? "it already declares" : "the host"} already provides.`,
          "Give the api an id of its own, e.g. prefixed with the extension id.",
        ),
      );
    }
    seen.add(api.id);
  });
  const known = [...catalog.keys()].join(", ");
  manifest.providers.forEach((provider, index) => {
    const api = catalog.get(provider.api);
    if (!api) {
      problems.push(
        problem(
          SdkErrorCode.manifestUnknownApi,
          `/providers/${index}/api`,
          `Provider "${provider.id}" declares api "${provider.api}", which neither the host nor any loaded extension provides.`,
          `Use one of: ${known}; or load the extension that declares "${provider.api}" in its manifest's apis.`,
        ),
      );
      return;
    }
    for (const kind of Object.keys(provider.transports) as TransportKind[]) {
      if (!api.transports.includes(kind)) {
        problems.push(
          problem(
            SdkErrorCode.manifestUnknownApi,
            `/providers/${index}/transports/${kind}`,
            `Provider "${provider.id}" declares a ${kind} transport, but api "${provider.api}" is not spoken over ${kind}.`,
            `Remove the ${kind} capability or choose an api that ${kind} speaks (${provider.api} speaks ${api.transports.join(", ")}).`,
          ),
        );
      }
    }
  });
  return problems;
}
