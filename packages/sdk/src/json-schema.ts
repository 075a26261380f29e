import { ManifestSchema } from "./manifest-schema.js";

/** The manifest JSON Schema (draft 2020-12) as committed at packages/sdk/schema/extension.schema.json. */
export function manifestJsonSchema(): Record<string, unknown> {
  // JSON round trip drops TypeBox's symbol keys, leaving plain JSON Schema.
  const plain = JSON.parse(JSON.stringify(ManifestSchema)) as Record<string, unknown>;
  return { $schema: "https://json-schema.org/draft/2020-12/schema", ...plain };
}

/** The committed file's text: stable key order, two-space indent, trailing newline. */
export function manifestJsonSchemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}
