/**
 * Deterministic values for JSON schemas: tool-call arguments (only the `required` fields, as a real
 * model leaves optional knobs alone) and structured output for `text.format` (every declared
 * property, so strict schemas and the SDKs' parsers accept it). Values are plausible for their
 * type, format and bounds, and derived from the user's words, never random.
 */
type Schema = Record<string, unknown>;

export interface ValueHints {
  /** What the user asked about ("Paris"); strings take it. */
  subject: string;
  /** A small whole number from the request (its word count); numbers take it, clamped to bounds. */
  count: number;
}

export type FillMode = "required" | "all";

// Deep or self-referencing schemas stop here rather than recurse for ever.
const maxDepth = 8;

function asSchema(value: unknown): Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Schema) : {};
}

/** Follows a local `$ref` (`#/$defs/X`, `#/definitions/X`, `#`) against the root schema. */
function resolve(schema: Schema, root: Schema): Schema {
  const ref = schema["$ref"];
  if (typeof ref !== "string" || !ref.startsWith("#")) return schema;
  let target: unknown = root;
  for (const part of ref.slice(1).split("/").filter(Boolean)) {
    target = asSchema(target)[decodeURIComponent(part.replace(/~1/g, "/").replace(/~0/g, "~"))];
  }
  return asSchema(target);
}

function firstType(schema: Schema): string | undefined {
  const type = schema["type"];
  if (Array.isArray(type)) return type.find((entry) => entry !== "null") ?? type[0];
  if (typeof type === "string") return type;
  if (schema["properties"] !== undefined) return "object";
  if (schema["items"] !== undefined) return "array";
  return undefined;
}

function clampNumber(schema: Schema, wanted: number, integer: boolean): number {
  let value = wanted;
  const min = typeof schema["minimum"] === "number" ? schema["minimum"] : undefined;
  const max = typeof schema["maximum"] === "number" ? schema["maximum"] : undefined;
  const exclusiveMin = typeof schema["exclusiveMinimum"] === "number" ? schema["exclusiveMinimum"] : undefined;
  const exclusiveMax = typeof schema["exclusiveMaximum"] === "number" ? schema["exclusiveMaximum"] : undefined;
  if (min !== undefined && value < min) value = min;
  if (exclusiveMin !== undefined && value <= exclusiveMin) value = integer ? Math.floor(exclusiveMin) + 1 : exclusiveMin + 1;
  if (max !== undefined && value > max) value = max;
  if (exclusiveMax !== undefined && value >= exclusiveMax) value = integer ? Math.ceil(exclusiveMax) - 1 : exclusiveMax - 1;
  return integer ? Math.round(value) : value;
}

function stringValue(schema: Schema, hints: ValueHints): string {
  switch (schema["format"]) {
    case "date-time":
      return "2026-01-01T00:00:00Z";
    case "date":
      return "2026-01-01";
    case "time":
      return "00:00:00";
    case "email":
      return "user@example.com";
    case "uri":
    case "url":
      return "https://example.com/";
    case "uuid":
      return "00000000-0000-4000-8000-000000000000";
  }
  let text = hints.subject;
  const minLength = typeof schema["minLength"] === "number" ? schema["minLength"] : 0;
  const maxLength = typeof schema["maxLength"] === "number" ? schema["maxLength"] : undefined;
  while (text.length < minLength) text += ` ${hints.subject}`;
  return maxLength === undefined ? text : text.slice(0, maxLength);
}

function objectValue(schema: Schema, root: Schema, hints: ValueHints, mode: FillMode, depth: number): Record<string, unknown> {
  const properties = asSchema(schema["properties"]);
  const required = Array.isArray(schema["required"]) ? schema["required"].filter((key): key is string => typeof key === "string") : [];
  const keys = mode === "all" ? Object.keys(properties) : required.filter((key) => key in properties);
  const result: Record<string, unknown> = {};
  for (const key of keys) result[key] = valueFor(properties[key], root, hints, mode, depth + 1);
  return result;
}

/** A value valid for `schema` (resolved against `root`), filled per `mode`. */
export function valueFor(input: unknown, root: Schema, hints: ValueHints, mode: FillMode, depth = 0): unknown {
  const schema = resolve(asSchema(input), root);
  if (depth > maxDepth) return null;
  if ("const" in schema) return schema["const"];
  if (Array.isArray(schema["enum"]) && schema["enum"].length > 0) return schema["enum"][0];
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const chosen = options.map(asSchema).find((option) => resolve(option, root)["type"] !== "null") ?? asSchema(options[0]);
      return valueFor(chosen, root, hints, mode, depth + 1);
    }
  }
  if (Array.isArray(schema["allOf"]) && schema["allOf"].length > 0) {
    const merged: Schema = {};
    for (const part of schema["allOf"].map((entry) => resolve(asSchema(entry), root))) {
      Object.assign(merged, part, { properties: { ...asSchema(merged["properties"]), ...asSchema(part["properties"]) } });
    }
    return valueFor(merged, root, hints, mode, depth + 1);
  }
  switch (firstType(schema)) {
    case "object":
      return objectValue(schema, root, hints, mode, depth);
    case "array": {
      const minItems = typeof schema["minItems"] === "number" ? schema["minItems"] : mode === "all" ? 1 : 0;
      const maxItems = typeof schema["maxItems"] === "number" ? schema["maxItems"] : minItems;
      const count = Math.min(Math.max(minItems, 0), maxItems);
      return Array.from({ length: count }, () => valueFor(schema["items"], root, hints, mode, depth + 1));
    }
    case "integer":
      return clampNumber(schema, hints.count, true);
    case "number":
      return clampNumber(schema, hints.count, false);
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return stringValue(schema, hints);
  }
}

/** Arguments for a tool call: the schema's required fields only. */
export function toolArguments(parameters: unknown, hints: ValueHints): Record<string, unknown> {
  const root = asSchema(parameters);
  const value = valueFor(root, root, hints, "required");
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Structured output for a `json_schema` text format: every declared property. */
export function structuredOutput(schema: unknown, hints: ValueHints): unknown {
  const root = asSchema(schema);
  return valueFor(root, root, hints, "all");
}
