import { SdkErrorCode } from "../errors.js";
import type { Manifest } from "../manifest-schema.js";
import { problem, type ManifestProblem } from "../problem.js";

const MAX_PATTERN_LENGTH = 200;
// A quantified group that itself contains a quantifier, e.g. (a+)+ or (\w*)*: catastrophic backtracking.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

/** Compiles a manifest `accept` pattern, or explains why it is not a valid, safe regex. */
export function compileAcceptPattern(pattern: string): { ok: true; regex: RegExp } | { ok: false; reason: string } {
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `it is longer than ${MAX_PATTERN_LENGTH} characters` };
  if (NESTED_QUANTIFIER.test(pattern)) return { ok: false, reason: "it nests quantifiers, which can backtrack catastrophically" };
  try {
    return { ok: true, regex: new RegExp(pattern, "u") };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Every `models.accept` pattern is a valid regular expression that cannot backtrack catastrophically. */
export function checkModelPatterns(manifest: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  manifest.providers.forEach((provider, index) => {
    const accept = provider.models.accept;
    if (accept === undefined) return;
    const compiled = compileAcceptPattern(accept);
    if (!compiled.ok) {
      problems.push(
        problem(
          SdkErrorCode.manifestBadPattern,
          `/providers/${index}/models/accept`,
          `models.accept "${accept}" of provider "${provider.id}" is not usable: ${compiled.reason}.`,
          'Write a simple anchored prefix pattern such as "^gpt-", or list models in `known`.',
        ),
      );
    }
  });
  return problems;
}
