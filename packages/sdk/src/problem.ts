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
  const where = `${file ?? "manifest"}#${p.path || "/"}`;
  return `${where}: ${p.message} (${p.code}) Fix: ${p.fix}`;
}
