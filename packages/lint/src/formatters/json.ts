import type { Formatter } from "./formatter.js";

/** Machine-readable results: an array of { filePath, messages, errorCount, warningCount }, as ESLint's json. */
export const json: Formatter = (results) => `${JSON.stringify(results)}\n`;
