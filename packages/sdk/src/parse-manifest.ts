import type { TSchema } from "@sinclair/typebox";
import { Value, ValueErrorType, type ValueError } from "@sinclair/typebox/value";
import { SdkErrorCode } from "./errors.js";
import { ManifestSchema, type Manifest } from "./manifest-schema.js";
import { problem, type ManifestProblem } from "./problem.js";

export type ParseManifestResult =
  | { ok: true; manifest: Manifest; problems: ManifestProblem[] }
  | { ok: false; problems: ManifestProblem[] };

/**
 * Validates a manifest (JSON text or an already parsed value) against the schema. Never throws:
 * every problem comes back with a JSON pointer, a stable code (SY_ERR_MANIFEST_*) and a fix.
 * Semantic checks (origins, schemes, host range, api) are separate: see checks/.
 */
export function parseManifest(input: unknown, options: { file?: string } = {}): ParseManifestResult {
  let value = input;
  if (typeof input === "string") {
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
  }
  const problems = schemaProblems(value);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, manifest: value as Manifest, problems: [] };
}

function schemaProblems(value: unknown): ManifestProblem[] {
  const seen = new Set<string>();
  const problems: ManifestProblem[] = [];
  for (const error of Value.Errors(ManifestSchema, value)) {
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
