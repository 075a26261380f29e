import { MAX_MANIFEST_BYTES, MAX_MANIFEST_DEPTH } from "./manifest-limits.js";
import { problem, type ManifestProblem } from "./problem.js";
import { SwitchyardError } from "./switchyard-error.js";

/** Codes of manifest problems and SDK misuse. Each is documented in docs/errors.md. */
export const SdkErrorCode = {
  manifestInvalidJson: "SY_ERR_MANIFEST_INVALID_JSON",
  manifestUnknownKey: "SY_ERR_MANIFEST_UNKNOWN_KEY",
  manifestMissingKey: "SY_ERR_MANIFEST_MISSING_KEY",
  manifestInvalidValue: "SY_ERR_MANIFEST_INVALID_VALUE",
  manifestInvalidUrl: "SY_ERR_MANIFEST_INVALID_URL",
  manifestOriginMismatch: "SY_ERR_MANIFEST_ORIGIN_MISMATCH",
  manifestInsecureScheme: "SY_ERR_MANIFEST_INSECURE_SCHEME",
  manifestUnknownApi: "SY_ERR_MANIFEST_UNKNOWN_API",
  manifestHostRange: "SY_ERR_MANIFEST_HOST_RANGE",
  manifestWebsocketUrlMissing: "SY_ERR_MANIFEST_WEBSOCKET_URL_MISSING",
  manifestBadPattern: "SY_ERR_MANIFEST_BAD_PATTERN",
  manifestTooLarge: "SY_ERR_MANIFEST_TOO_LARGE",
  manifestTooDeep: "SY_ERR_MANIFEST_TOO_DEEP",
  manifestInvalidHeader: "SY_ERR_MANIFEST_INVALID_HEADER",
  manifestUrlCredentials: "SY_ERR_MANIFEST_URL_CREDENTIALS",
  manifestEntryOutside: "SY_ERR_MANIFEST_ENTRY_OUTSIDE",
  discoverySymlinkLoop: "SY_ERR_DISCOVERY_SYMLINK_LOOP",
  discoverySymlinkBroken: "SY_ERR_DISCOVERY_SYMLINK_BROKEN",
  manifestOAuthMismatch: "SY_ERR_MANIFEST_OAUTH_MISMATCH",
  manifestOAuthIssuerInOrigins: "SY_ERR_MANIFEST_OAUTH_ISSUER_IN_ORIGINS",
  manifestOAuthRedirectNotLoopback: "SY_ERR_MANIFEST_OAUTH_REDIRECT_NOT_LOOPBACK",
  extensionDefinitionInvalid: "SY_ERR_EXTENSION_DEFINITION_INVALID",
} as const;

export type SdkErrorCode = (typeof SdkErrorCode)[keyof typeof SdkErrorCode];

/** Thrown by defineExtension() when the definition is not usable. */
export function invalidExtensionDefinition(what: string, fix: string): SwitchyardError {
  return new SwitchyardError(SdkErrorCode.extensionDefinitionInvalid, `Invalid extension definition: ${what}.`, { fix });
}

/** SY_ERR_MANIFEST_TOO_LARGE: the file is over 1 MiB (checked before it is read or parsed). */
export function manifestTooLarge(bytes: number, file = "The manifest"): ManifestProblem {
  return problem(
    SdkErrorCode.manifestTooLarge,
    "",
    `${file} is ${bytes} bytes; manifests larger than ${MAX_MANIFEST_BYTES} bytes (1 MiB) are refused.`,
    "A manifest declares providers, not data: move large content out of it (model lists of real providers fit in a few KiB).",
  );
}

/** SY_ERR_MANIFEST_TOO_DEEP: objects and arrays nested deeper than 64 (or a circular value). */
export function manifestTooDeep(file = "The manifest"): ManifestProblem {
  return problem(
    SdkErrorCode.manifestTooDeep,
    "",
    `${file} nests objects or arrays deeper than ${MAX_MANIFEST_DEPTH} levels (or is circular); it is refused before any check walks it.`,
    "Flatten it: the manifest schema needs no more than 6 levels.",
  );
}

/** SY_ERR_MANIFEST_INVALID_HEADER: a header name that is not an RFC 9110 token, or a value with control characters. */
export function invalidManifestHeader(path: string, what: "name" | "value", shown: string): ManifestProblem {
  return what === "name"
    ? problem(
        SdkErrorCode.manifestInvalidHeader,
        path,
        `Header name ${shown} at ${path.slice(0, path.lastIndexOf("/")) || "/"} is not a valid HTTP field name (an RFC 9110 token).`,
        "Use letters, digits and !#$%&'*+-.^_`|~ only: no spaces, colons, CR or LF.",
      )
    : problem(
        SdkErrorCode.manifestInvalidHeader,
        path,
        `The value of header ${shown} at ${path} contains a control character (CR, LF, NUL, …), which would split or corrupt the request.`,
        "Remove the control characters; a header value is one line of visible characters, spaces and tabs.",
      );
}

/** SY_ERR_MANIFEST_URL_CREDENTIALS: a URL with `user:password@`; the credential is never repeated. */
export function manifestUrlCredentials(path: string, providerId: string): ManifestProblem {
  return problem(
    SdkErrorCode.manifestUrlCredentials,
    path,
    `The URL at ${path} of provider "${providerId}" carries credentials (user:password@); they would be committed, published and printed.`,
    "Remove the user and password from the URL, revoke them, and declare the credential in `auth` (read from an environment variable).",
  );
}

/** SY_ERR_MANIFEST_ENTRY_OUTSIDE: `entry` is absolute, or resolves (after symlinks) outside the extension folder. */
export function entryOutsideFolder(entry: string, id: string, why: string): ManifestProblem {
  return problem(
    SdkErrorCode.manifestEntryOutside,
    "/entry",
    `Entry ${JSON.stringify(entry)} of extension "${id}" ${why}; extension code must live inside its own folder. Nothing was imported.`,
    'Write entry as a path relative to the manifest that stays inside the extension folder, e.g. "dist/index.js".',
  );
}

/** SY_ERR_DISCOVERY_SYMLINK_LOOP: a subfolder link that leads back into the folder (or round). */
export function symlinkLoop(link: string): ManifestProblem {
  return problem(
    SdkErrorCode.discoverySymlinkLoop,
    "",
    `The symlink ${link} leads back into itself or to a folder that contains it, so it names no extension folder.`,
    "Point the link at an extension folder elsewhere, or remove it.",
  );
}

/** SY_ERR_DISCOVERY_SYMLINK_BROKEN: a subfolder link whose target is missing or unreadable. */
export function symlinkBroken(link: string, reason: string): ManifestProblem {
  return problem(
    SdkErrorCode.discoverySymlinkBroken,
    "",
    `The symlink ${link} cannot be followed (${reason}): its target does not exist or cannot be read.`,
    "Create the folder it points at (e.g. install or build the linked package), or remove the link.",
  );
}
