import { RE2JS } from "re2js";
import { SdkErrorCode } from "../errors.js";
import type { Manifest, ProviderManifest } from "../manifest-schema.js";
import { problem, type ManifestProblem } from "../problem.js";
import { compileSimplePattern } from "./simple-pattern.js";

const MAX_PATTERN_LENGTH = 200;
/** `^` then characters that are literal in RE2 syntax (no `.`, `$`, `|`, brackets, repeats or escapes). */
const LITERAL_PREFIX = /^\^[A-Za-z0-9_:/@-]+$/;

/** A compiled `accept` pattern. Matching takes time linear in the input, whatever the pattern. */
export interface AcceptMatcher {
  /** True when the pattern matches anywhere in `modelId` (anchor it with ^ and $ to match whole ids). */
  test(modelId: string): boolean;
}

/**
 * Compiles a manifest `accept` pattern with RE2 semantics (re2js, a linear-time engine), so no
 * pattern can stall the host; or explains why RE2 refuses it (back-references, look-around, syntax).
 */
export function compileAcceptPattern(pattern: string): { ok: true; matcher: AcceptMatcher } | { ok: false; reason: string } {
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `it is longer than ${MAX_PATTERN_LENGTH} characters` };
  // The commonest pattern, an anchored literal prefix ("^gpt-"), means startsWith under RE2 as
  // anywhere else: no engine needed (RE2 compiles take tens of µs, paid per provider at load).
  if (LITERAL_PREFIX.test(pattern)) {
    const prefix = pattern.slice(1);
    return { ok: true, matcher: { test: (modelId) => modelId.startsWith(prefix) } };
  }
  // Most other patterns ("^claude-[a-z0-9.-]+$") are in a language a small linear-time NFA
  // matches as RE2 does, compiled in microseconds where re2js's cold code takes 0.1-2 ms each.
  const simple = compileSimplePattern(pattern);
  if (simple) return { ok: true, matcher: simple };
  try {
    const compiled = RE2JS.compile(pattern);
    return { ok: true, matcher: { test: (modelId) => compiled.test(modelId) } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `RE2 refuses it (${reason})` };
  }
}

export type CompiledAccept = ReturnType<typeof compileAcceptPattern>;

// The host checks each provider's pattern at load, then builds its model table from the same
// provider object: one compile serves both. Keyed weakly by that object, and by the pattern text
// in case the object was changed in between.
const compiledFor = new WeakMap<ProviderManifest, { pattern: string; compiled: CompiledAccept }>();

/** compileAcceptPattern() for a provider's `models.accept`, compiled once per provider object (undefined without one). */
export function providerAcceptPattern(provider: ProviderManifest): CompiledAccept | undefined {
  const pattern = provider.models.accept;
  if (pattern === undefined) return undefined;
  const known = compiledFor.get(provider);
  if (known?.pattern === pattern) return known.compiled;
  const compiled = compileAcceptPattern(pattern);
  compiledFor.set(provider, { pattern, compiled });
  return compiled;
}

/** Every `models.accept` pattern compiles with RE2 semantics (linear-time matching). */
export function checkModelPatterns(manifest: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  manifest.providers.forEach((provider, index) => {
    const accept = provider.models.accept;
    const compiled = providerAcceptPattern(provider);
    if (accept === undefined || compiled === undefined) return;
    if (!compiled.ok) {
      problems.push(
        problem(
          SdkErrorCode.manifestBadPattern,
          `/providers/${index}/models/accept`,
          `models.accept ${JSON.stringify(accept.length > 80 ? `${accept.slice(0, 80)}…` : accept)} of provider "${provider.id}" is not usable: ${compiled.reason}.`,
          'Write an RE2 pattern (no back-references such as \\1, no look-around such as (?=…) or (?!…), repeat counts up to 1000), e.g. "^gpt-", or list models in `known`.',
        ),
      );
    }
  });
  return problems;
}
