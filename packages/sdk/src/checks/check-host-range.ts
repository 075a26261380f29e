import semver from "semver";
import { SdkErrorCode } from "../errors.js";
import { HOST_API_VERSION } from "../host-api.js";
import type { Manifest } from "../manifest-schema.js";
import { memoize } from "../memoize.js";
import { problem, type ManifestProblem } from "../problem.js";

/** Whether a range parses, and whether it admits a host version. */
export interface RangeVerdict {
  valid: boolean;
  satisfied: boolean;
}

// Most extensions share a handful of ranges ("^0.1.0"): each distinct (range, host version) pair is
// parsed once. Bounded, so a process linting many manifests cannot grow it without limit.
const verdictOf = memoize((key: string): RangeVerdict => {
  const split = key.indexOf("\0");
  const hostVersion = key.slice(0, split);
  const hostApi = key.slice(split + 1);
  const caret = caretVerdict(hostApi, hostVersion);
  if (caret) return caret;
  const range = semver.validRange(hostApi);
  return { valid: range !== null, satisfied: range !== null && semver.satisfies(hostVersion, range) };
});

// A version number as semver reads it: no leading zero, and short enough to be a safe integer.
const NUMBER = "(0|[1-9]\\d{0,14})";
const CARET = new RegExp(`^\\^${NUMBER}\\.${NUMBER}\\.${NUMBER}$`);
const VERSION = new RegExp(`^${NUMBER}\\.${NUMBER}\\.${NUMBER}$`);

/**
 * The verdict for the commonest range, `^x.y.z`, against a release version, without semver:
 * semver's first range parse costs about 5 ms of cold code in every process that starts a host.
 * Undefined for anything else (prereleases, spaces, other operators): semver decides those.
 * Semver's caret: `^1.2.3` is >=1.2.3 <2.0.0, `^0.2.3` is >=0.2.3 <0.3.0, `^0.0.3` is =0.0.3.
 */
export function caretVerdict(range: string, version: string): RangeVerdict | undefined {
  const want = CARET.exec(range);
  const have = VERSION.exec(version);
  if (!want || !have) return undefined;
  const [major, minor, patch] = [Number(want[1]), Number(want[2]), Number(want[3])];
  const [hostMajor, hostMinor, hostPatch] = [Number(have[1]), Number(have[2]), Number(have[3])];
  const atLeast = hostMajor !== major ? hostMajor > major : hostMinor !== minor ? hostMinor > minor : hostPatch >= patch;
  // The left-most non-zero part of the range may not change.
  const sameLine = major > 0 ? hostMajor === major : minor > 0 ? hostMajor === 0 && hostMinor === minor : hostMajor === 0 && hostMinor === 0 && hostPatch === patch;
  return { valid: true, satisfied: atLeast && sameLine };
}

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
