import type { TSchema } from "@sinclair/typebox";
import { TypeCompiler, type TypeCheck } from "@sinclair/typebox/compiler";
import { ValueErrorType, type ValueError } from "@sinclair/typebox/value";
import { SdkErrorCode, invalidManifestHeader, manifestTooDeep, manifestTooLarge } from "./errors.js";
import { HEADER_NAME_PATTERN, HEADER_VALUE_PATTERN, showHeaderName } from "./headers.js";
import { MAX_MANIFEST_BYTES, jsonTextTooDeep, utf8Length, valueTooDeep } from "./manifest-limits.js";
import { ManifestSchema, type Manifest } from "./manifest-schema.js";
import { problem, type ManifestProblem } from "./problem.js";

export type ParseManifestResult =
  | { ok: true; manifest: Manifest; problems: ManifestProblem[] }
  /** `value` is the parsed JSON when it parsed within the size and depth limits (rules such as no-literal-secret still scan it). */
  | { ok: false; problems: ManifestProblem[]; value?: unknown };

/**
 * Validates a manifest (JSON text or an already parsed value) against the schema. Never throws:
 * every problem comes back with a JSON pointer, a stable code (SY_ERR_MANIFEST_*) and a fix.
 * Text over 1 MiB or nested deeper than 64 is refused before it is parsed (SY_ERR_MANIFEST_TOO_LARGE,
 * SY_ERR_MANIFEST_TOO_DEEP). Semantic checks (origins, schemes, host range, api) are separate: see checks/.
 */
export function parseManifest(input: unknown, options: { file?: string } = {}): ParseManifestResult {
  let value = input;
  if (typeof input === "string") {
    // Length is a cheap lower bound of the UTF-8 size: only near the limit is the exact size computed.
    if (input.length > MAX_MANIFEST_BYTES || (input.length * 3 > MAX_MANIFEST_BYTES && utf8Length(input) > MAX_MANIFEST_BYTES)) {
      return { ok: false, problems: [manifestTooLarge(utf8Length(input), options.file)] };
    }
    if (jsonTextTooDeep(input)) return { ok: false, problems: [manifestTooDeep(options.file)] };
    try {
      value = JSON.parse(input);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        problems: [
          problem(
            SdkErrorCode.manifestInvalidJson,
            "",
            `${options.file ?? "The manifest"} is not valid JSON: ${reason}.`,
            "Fix the JSON syntax (comments and trailing commas are not allowed).",
          ),
        ],
      };
    }
  } else if (valueTooDeep(input)) {
    return { ok: false, problems: [manifestTooDeep(options.file)] };
  }
  const problems = schemaProblems(value);
  if (problems.length > 0) return { ok: false, problems, value };
  return { ok: true, manifest: value as Manifest, problems: [] };
}

// Compiled on first use, not at import: extension entries import the sdk and never parse a manifest.
let compiledSchema: TypeCheck<typeof ManifestSchema> | undefined;

function schemaProblems(value: unknown): ManifestProblem[] {
  compiledSchema ??= TypeCompiler.Compile(ManifestSchema);
  // The compiled check is one generated function; the error walk (the same as Value.Errors) runs only when it fails.
  if (compiledSchema.Check(value)) return [];
  const seen = new Set<string>();
  const problems: ManifestProblem[] = [];
  for (const error of compiledSchema.Errors(value)) {
    const converted = toProblem(error);
    // TypeBox can report one spot twice (a missing key is also "not a string"); keep the first.
    const key = `${converted.path}|${converted.code}`;
    if (seen.has(key) || seen.has(`${converted.path}|${SdkErrorCode.manifestMissingKey}`)) continue;
    seen.add(key);
    problems.push(converted);
    if (problems.length >= 50) break;
  }
  return problems;
}

function toProblem(error: ValueError): ManifestProblem {
  const path = error.path;
  const key = path.slice(path.lastIndexOf("/") + 1).replace(/~1/g, "/").replace(/~0/g, "~");
  const described = describe(error.schema);
  const header = headerProblem(error, key);
  if (header) return header;
  switch (error.type) {
    case ValueErrorType.ObjectAdditionalProperties:
      return problem(
        SdkErrorCode.manifestUnknownKey,
        path,
        `Unknown key "${key}" at ${parentOf(path)}.`,
        "Remove it or correct its spelling; unknown keys are never ignored. See packages/sdk/schema/extension.schema.json.",
      );
    case ValueErrorType.ObjectRequiredProperty:
      return problem(
        SdkErrorCode.manifestMissingKey,
        path,
        `Missing required key "${key}" at ${parentOf(path)}.`,
        `Add "${key}"${described ? `: ${described}` : "."}`,
      );
    default:
      return problem(
        SdkErrorCode.manifestInvalidValue,
        path,
        `Invalid value at ${path || "/"}: ${error.message}${error.type === ValueErrorType.Union ? ` (${unionChoices(error.schema)})` : ""}.`,
        described ? `Use ${described.replace(/\.$/, "")}.` : "Correct the value to match the schema.",
      );
  }
}

/** A header name or value the schema refused, as SY_ERR_MANIFEST_INVALID_HEADER (what the host and linter say). */
function headerProblem(error: ValueError, key: string): ManifestProblem | undefined {
  const schema = error.schema as { pattern?: unknown; patternProperties?: Record<string, unknown> };
  if (error.type === ValueErrorType.ObjectAdditionalProperties && schema.patternProperties && Object.hasOwn(schema.patternProperties, HEADER_NAME_PATTERN)) {
    return invalidManifestHeader(error.path, "name", showHeaderName(key));
  }
  if (error.type === ValueErrorType.StringPattern && schema.pattern === HEADER_NAME_PATTERN && typeof error.value === "string") {
    return invalidManifestHeader(error.path, "name", showHeaderName(error.value));
  }
  if (error.type === ValueErrorType.StringPattern && schema.pattern === HEADER_VALUE_PATTERN) {
    return invalidManifestHeader(error.path, "value", showHeaderName(key));
  }
  return undefined;
}

function parentOf(path: string): string {
  const parent = path.slice(0, path.lastIndexOf("/"));
  return parent === "" ? "the top level" : parent;
}

function describe(schema: TSchema): string | undefined {
  return typeof schema.description === "string" ? schema.description : undefined;
}

function unionChoices(schema: TSchema): string {
  const options = (schema.anyOf as TSchema[] | undefined)?.map((option) => JSON.stringify(option.const)) ?? [];
  return options.length > 0 ? `expected one of ${options.join(", ")}` : "no alternative matched";
}
