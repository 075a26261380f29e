import { escapeControlCharacters } from "@switchyard/sdk";
import type { z } from "zod";

/**
 * One line per zod issue: `path: message`, unknown keys named. Path segments are escaped so a key
 * holding CR/LF cannot break a log line. Values are never quoted (config headers are secrets).
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.length ? issue.path.map((segment) => escapeControlCharacters(String(segment))).join(".") : "(root)";
    const unknown = issue.code === "unrecognized_keys" ? ` (unknown: ${issue.keys.map(escapeControlCharacters).join(", ")})` : "";
    return `${path}: ${issue.message}${unknown}`;
  });
}
