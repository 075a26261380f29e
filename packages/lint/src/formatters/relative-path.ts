import { relative, sep } from "node:path";

/** A path relative to `cwd` with forward slashes, as GitHub and SARIF consumers expect. */
export function relativePath(cwd: string, filePath: string): string {
  const path = relative(cwd, filePath) || filePath;
  return sep === "/" ? path : path.split(sep).join("/");
}
