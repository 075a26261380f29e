import semver from "semver";
import { SdkErrorCode } from "../errors.js";
import { HOST_API_VERSION } from "../host-api.js";
import type { Manifest } from "../manifest-schema.js";
import { memoize } from "../memoize.js";
import { problem, type ManifestProblem } from "../problem.js";

/** Whether a range parses, and whether it admits a host version. */
interface RangeVerdict {
  valid: boolean;
  satisfied: boolean;
}

// Most extensions share a handful of ranges ("^0.1.0"): each distinct (range, host version) pair is
// parsed once. Bounded, so a process linting many manifests cannot grow it without limit.
const verdictOf = memoize((key: string): RangeVerdict => {
  const split = key.indexOf("\0");
  const hostVersion = key.slice(0, split);
  const hostApi = key.slice(split + 1);
  const range = semver.validRange(hostApi);
  return { valid: range !== null, satisfied: range !== null && semver.satisfies(hostVersion, range) };
});

function rangeVerdict(hostApi: string, hostVersion: string): RangeVerdict {
  return verdictOf(`${hostVersion}\0${hostApi}`);
}

/** `hostApi` is a valid semver range that includes the running host API version. */
export function checkHostRange(manifest: Manifest, hostVersion: string = HOST_API_VERSION): ManifestProblem[] {
  const verdict = rangeVerdict(manifest.hostApi, hostVersion);
  if (!verdict.valid) {
    return [
      problem(
        SdkErrorCode.manifestHostRange,
        "/hostApi",
        `hostApi "${manifest.hostApi}" is not a valid semver range.`,
        `Write a range such as "^${hostVersion}".`,
      ),
    ];
  }
  if (!verdict.satisfied) {
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
