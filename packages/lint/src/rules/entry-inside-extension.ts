import { checkEntryPath, resolveEntry } from "@switchyard/sdk";
import { dirname } from "node:path";
import { ruleDocsUrl } from "../docs-url.js";
import type { Rule } from "../rule.js";

/**
 * The host imports `entry` and runs it: an absolute path, a `../` path or a symlink leading out
 * of the extension folder would run code the extension does not ship (and that its review never
 * saw). The host refuses it before any code runs; this rule says so in CI. It never imports.
 */
export const entryInsideExtensionRule: Rule = {
  meta: {
    id: "entry-inside-extension",
    type: "problem",
    description: "entry is a relative path that resolves, after symlinks, inside the extension folder.",
    docs: { url: ruleDocsUrl("entry-inside-extension") },
    messages: {
      entryOutside: "{{message}}",
    },
    defaultSeverity: "error",
  },
  check(context) {
    const manifest = context.manifest;
    if (manifest.entry === undefined) return;
    const lexical = checkEntryPath(manifest)[0];
    // A missing entry is entry-drift's finding; here only where it leads.
    const resolved = lexical ? undefined : resolveEntry(dirname(context.filePath), { ...manifest, entry: manifest.entry });
    const problem = lexical ?? (resolved?.kind === "outside" ? resolved.problem : undefined);
    if (problem) context.report({ messageId: "entryOutside", path: problem.path, data: { message: problem.message }, fix: problem.fix });
  },
};
