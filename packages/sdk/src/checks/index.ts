import type { Manifest } from "../manifest-schema.js";
import type { ManifestProblem } from "../problem.js";
import { checkApis } from "./check-apis.js";
import { checkHostRange } from "./check-host-range.js";
import { checkModelPatterns } from "./check-model-patterns.js";
import { checkOAuth } from "./check-oauth.js";
import { checkOrigins } from "./check-origins.js";
import { checkSecureSchemes } from "./check-secure-schemes.js";
import { checkUrlCredentials } from "./check-url-credentials.js";
import { checkWebsocketUrl } from "./check-websocket-url.js";
import { checkEntryPath } from "./check-entry.js";

export { checkApis, checkEntryPath, checkHostRange, checkModelPatterns, checkOAuth, checkOrigins, checkSecureSchemes, checkUrlCredentials, checkWebsocketUrl };
export { compileAcceptPattern, providerAcceptPattern, type AcceptMatcher, type CompiledAccept } from "./check-model-patterns.js";
export { resolveEntry, type ResolvedEntry } from "./check-entry.js";

/**
 * The semantic checks the host runs, in order, on a manifest that passed the schema. Errors refuse
 * the extension; warnings are reported but it loads. The linter runs the same functions as rules.
 */
export const LOAD_CHECKS: ReadonlyArray<{ name: string; check: (manifest: Manifest) => ManifestProblem[] }> = Object.freeze([
  { name: "host-api-range", check: (manifest: Manifest) => checkHostRange(manifest) },
  { name: "known-api", check: (manifest: Manifest) => checkApis(manifest) },
  { name: "no-url-credentials", check: checkUrlCredentials },
  { name: "origin-bound", check: checkOrigins },
  { name: "secure-scheme", check: checkSecureSchemes },
  { name: "model-patterns", check: checkModelPatterns },
  { name: "entry-inside-extension", check: checkEntryPath },
  { name: "oauth-declaration", check: checkOAuth },
  {
    name: "websocket-url",
    // At load a url-less websocket is harmless (the selector routes HTTP); the linter makes it an error.
    check: (manifest: Manifest) => checkWebsocketUrl(manifest).map((p) => ({ ...p, severity: "warning" as const })),
  },
]);
