// Regenerates schema/extension.schema.json from the TypeBox schema: `pnpm --filter @switchyard/sdk generate`.
import { writeFileSync } from "node:fs";
import { manifestJsonSchemaText } from "./json-schema.js";

const target = new URL("../schema/extension.schema.json", import.meta.url);
writeFileSync(target, manifestJsonSchemaText());
console.log(`wrote ${target.pathname}`);
