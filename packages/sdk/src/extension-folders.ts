import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { symlinkBroken, symlinkLoop } from "./errors.js";
import { MANIFEST_FILE_NAME } from "./host-api.js";
import type { ManifestProblem } from "./problem.js";

/**
 * A manifest found in a folder of extension folders (with the real paths of the file and of its
 * extension folder, already known from the walk), or a subfolder link that could not be followed.
 */
export type FolderEntry = { file: string; real: string; realFolder: string } | { file: string; problem: ManifestProblem };

/**
 * The manifests of a folder of extension folders (its immediate subfolders, sorted; dot folders
 * and node_modules skipped). A symlinked subfolder is followed once, by its real path, as pnpm and
 * `npm link` make them; a link loop or a dangling link is a problem, never a silent skip. Shared
 * by the host's discovery and the linter, so both see the same extensions.
 */
export function manifestsInFolder(folder: string): FolderEntry[] {
  const found: FolderEntry[] = [];
  const seen = new Set<string>();
  const realFolder = realOr(folder, folder);
  const entries = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith(".") && entry.name !== "node_modules")
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const child = path.join(folder, entry.name);
    // A plain subfolder of a real folder is real already: only links cost a realpath.
    let realChild = path.join(realFolder, entry.name);
    if (entry.isSymbolicLink()) {
      const followed = followLink(child, realFolder);
      if ("problem" in followed) {
        found.push({ file: child, problem: followed.problem });
        continue;
      }
      if (!followed.directory) continue;
      realChild = followed.real;
    } else if (!entry.isDirectory()) {
      continue;
    }
    const file = path.join(child, MANIFEST_FILE_NAME);
    const real = realManifest(file, path.join(realChild, MANIFEST_FILE_NAME));
    if (real === undefined) continue; // no manifest: not an extension folder
    if (seen.has(real)) continue; // a link to a sibling folder: one extension, loaded once
    seen.add(real);
    found.push({ file, real, realFolder: realChild });
  }
  return found;
}

/**
 * The real path of a subfolder's manifest, or undefined when there is none (or a dangling link):
 * one lstat instead of an existence check plus a realpath; only a linked manifest is resolved.
 */
function realManifest(file: string, realIfPlain: string): string | undefined {
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (stats === undefined) return undefined;
  if (!stats.isSymbolicLink()) return realIfPlain;
  return realOr(file, undefined);
}

function followLink(link: string, realFolder: string): { directory: boolean; real: string } | { problem: ManifestProblem } {
  let real: string;
  try {
    real = realpathSync.native(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return { problem: symlinkLoop(link) };
    return { problem: symlinkBroken(link, code ?? "unreadable") };
  }
  // A link to the folder itself or to one of its ancestors would make the walk go round.
  const relative = path.relative(real, realFolder);
  if (relative === "" || !relative.startsWith("..")) return { problem: symlinkLoop(link) };
  return { directory: statSync(real).isDirectory(), real };
}

/** The real path (one native realpath call, not a JS lstat per path component), or `fallback`. */
export function realOr<T extends string | undefined>(file: string, fallback: T): string | T {
  try {
    return realpathSync.native(file);
  } catch {
    return fallback;
  }
}
