import type { Formatter } from "./formatter.js";
import { github } from "./github.js";
import { json } from "./json.js";
import { sarif } from "./sarif.js";
import { stylish } from "./stylish.js";

/** Formatters by --format name; `stylish` is the default. */
export const FORMATTERS: Readonly<Record<string, Formatter>> = Object.freeze({ stylish, json, sarif, github });

export type FormatterName = "stylish" | "json" | "sarif" | "github";

export { github, json, sarif, stylish };
export type { Formatter, FormatterContext } from "./formatter.js";
