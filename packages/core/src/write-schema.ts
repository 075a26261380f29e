// Regenerates schema/config.schema.json from the zod config schema: `pnpm --filter @switchyard/core generate`.
import { writeFileSync } from "node:fs";
import { configJsonSchemaText } from "./config.js";

const target = new URL("../schema/config.schema.json", import.meta.url);
writeFileSync(target, configJsonSchemaText());
console.log(`wrote ${target.pathname}`);
