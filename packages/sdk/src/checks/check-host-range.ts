import semver from "semver";
import { SdkErrorCode } from "../errors.js";
import { HOST_API_VERSION } from "../host-api.js";
import type { Manifest } from "../manifest-schema.js";
import { problem, type ManifestProblem } from "../problem.js";

/** `hostApi` is a valid semver range that includes the running host API version. */
export function checkHostRange(manifest: Manifest, hostVersion: string = HOST_API_VERSION): ManifestProblem[] {
  const range = semver.validRange(manifest.hostApi);
  if (range === null) {
    return [
      problem(
        SdkErrorCode.manifestHostRange,
        "/hostApi",
        `hostApi "${manifest.hostApi}" is not a valid semver range.`,
        `Write a range such as "^${hostVersion}".`,
      ),
    ];
  }
  if (!semver.satisfies(hostVersion, range)) {
    return [
      problem(
        SdkErrorCode.manifestHostRange,
        "/hostApi",
        `Extension "${manifest.id}" needs host API ${manifest.hostApi}, but this host implements ${hostVersion}.`,
        `Update the extension for host API ${hostVersion} and widen hostApi, or use a host that satisfies ${manifest.hostApi}.`,
      ),
    ];
  }
  return [];
}
