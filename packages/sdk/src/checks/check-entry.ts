import { lstatSync, realpathSync } from "node:fs";
import path from "node:path";
import { entryOutsideFolder } from "../errors.js";
import { realOr } from "../extension-folders.js";
import type { Manifest } from "../manifest-schema.js";
import type { ManifestProblem } from "../problem.js";

/**
 * `entry` is a relative path that stays inside the extension folder as written: not absolute (on
 * any platform), no drive letter or URL, no `..` leading out. A pure check on the text; the
 * host and linter also resolve symlinks with resolveEntry() before anything is imported.
 */
export function checkEntryPath(manifest: Manifest): ManifestProblem[] {
  const entry = manifest.entry;
  if (entry === undefined) return [];
  const why = lexicalEscape(entry);
  return why === undefined ? [] : [entryOutsideFolder(entry, manifest.id, why)];
}

function lexicalEscape(entry: string): string | undefined {
  if (path.posix.isAbsolute(entry) || path.win32.isAbsolute(entry) || /^[A-Za-z]:/.test(entry)) return "is an absolute path";
  if (/^[a-z][a-z0-9+.-]*:/i.test(entry)) return "is a URL, not a relative path";
  if (entry.includes("\0")) return "contains a NUL character";
  const normalized = path.posix.normalize(entry.replace(/\\/g, "/"));
  if (normalized === ".." || normalized.startsWith("../")) return "leads out of the extension folder";
  return undefined;
}

export type ResolvedEntry =
  /** `path` is the entry's real path (symlinks resolved). */
  | { kind: "inside"; path: string }
  | { kind: "missing"; path: string }
  | { kind: "outside"; problem: ManifestProblem };

/**
 * Resolves `entry` against the extension folder, following symlinks: the real path must lie inside
 * the folder's real path, so a link to code elsewhere is refused before it can run. `realFolder`
 * is the folder's real path when the caller knows it already (discovery does).
 */
export function resolveEntry(folder: string, manifest: Manifest & { entry: string }, realFolder?: string): ResolvedEntry {
  const lexical = checkEntryPath(manifest)[0];
  if (lexical) return { kind: "outside", problem: lexical };
  const resolved = path.resolve(folder, manifest.entry);
  const root = realFolder ?? realOr(folder, folder);
  let realEntry: string | undefined;
  try {
    realEntry = plainFileIn(root, resolved, folder) ?? realpathSync.native(resolved);
  } catch {
    // The lstat or realpath failed: a missing entry (or a dangling link), so no existence check first.
    return { kind: "missing", path: resolved };
  }
  // Both are real, absolute and normalized, so "inside" is a prefix test (path.relative resolves both again).
  if (!realEntry.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`)) {
    return { kind: "outside", problem: entryOutsideFolder(manifest.entry, manifest.id, "resolves, after symlinks, outside the extension folder") };
  }
  // The real path is what gets imported: a link swapped after this check cannot redirect it.
  return { kind: "inside", path: realEntry };
}

/**
 * The real path of an entry that sits directly in its folder as a regular file (`./index.js`, the
 * usual case): one lstat instead of a realpath walk. Undefined when a link may be involved.
 * @throws the lstat's error when the entry does not exist
 */
function plainFileIn(realFolder: string, resolved: string, folder: string): string | undefined {
  if (path.dirname(resolved) !== path.resolve(folder)) return undefined;
  if (!lstatSync(resolved).isFile()) return undefined;
  return path.join(realFolder, path.basename(resolved));
}
