import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { symlinkBroken, symlinkLoop } from "./errors.js";
import { MANIFEST_FILE_NAME } from "./host-api.js";
import type { ManifestProblem } from "./problem.js";

/** A manifest found in a folder of extension folders, or a subfolder link that could not be followed. */
export type FolderEntry = { file: string } | { file: string; problem: ManifestProblem };

/**
 * The manifests of a folder of extension folders (its immediate subfolders, sorted; dot folders
 * and node_modules skipped). A symlinked subfolder is followed once, by its real path, as pnpm and
 * `npm link` make them; a link loop or a dangling link is a problem, never a silent skip. Shared
 * by the host's discovery and the linter, so both see the same extensions.
 */
export function manifestsInFolder(folder: string): FolderEntry[] {
  const found: FolderEntry[] = [];
  const seen = new Set<string>();
  let realFolder: string;
  try {
    realFolder = realpathSync(folder);
  } catch {
    realFolder = folder;
  }
  const entries = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith(".") && entry.name !== "node_modules")
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const child = path.join(folder, entry.name);
    if (entry.isSymbolicLink()) {
      const followed = followLink(child, realFolder);
      if ("problem" in followed) {
        found.push({ file: child, problem: followed.problem });
        continue;
      }
      if (!followed.directory) continue;
    } else if (!entry.isDirectory()) {
      continue;
    }
    const file = path.join(child, MANIFEST_FILE_NAME);
    if (!existsSync(file)) continue;
    const real = realOf(file);
    if (seen.has(real)) continue; // a link to a sibling folder: one extension, loaded once
    seen.add(real);
    found.push({ file });
  }
  return found;
}

function followLink(link: string, realFolder: string): { directory: boolean } | { problem: ManifestProblem } {
  let real: string;
  try {
    real = realpathSync(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return { problem: symlinkLoop(link) };
    return { problem: symlinkBroken(link, code ?? "unreadable") };
  }
  // A link to the folder itself or to one of its ancestors would make the walk go round.
  const relative = path.relative(real, realFolder);
  if (relative === "" || !relative.startsWith("..")) return { problem: symlinkLoop(link) };
  return { directory: statSync(real).isDirectory() };
}

function realOf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
