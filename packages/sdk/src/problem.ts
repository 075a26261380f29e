/** One thing wrong with a manifest: where (a JSON pointer), a stable code, and how to fix it. */
export interface ManifestProblem {
  code: string;
  /** JSON pointer into the manifest, e.g. `/providers/0/transports/websocket/url`; "" is the root. */
  path: string;
  message: string;
  fix: string;
  severity: "error" | "warning";
}

export function problem(code: string, path: string, message: string, fix: string, severity: "error" | "warning" = "error"): ManifestProblem {
  return { code, path, message, fix, severity };
}

/** Formats a problem for a log line or an error message: `file#/path: message (CODE) Fix: …`. */
export function formatProblem(p: ManifestProblem, file?: string): string {
  // A key may hold CR/LF (that is one of the problems reported): keep the line one line.
  const path = escapeControlCharacters(p.path);
  const where = `${file ?? "manifest"}#${path || "/"}`;
  return `${where}: ${p.message} (${p.code}) Fix: ${p.fix}`;
}

/** Writes control characters as JSON escapes (`\\r`, `\\u0000`), so text from untrusted input stays on one line. */
export function escapeControlCharacters(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
