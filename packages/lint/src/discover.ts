import { MANIFEST_FILE_NAME, manifestsInFolder, type ManifestProblem } from "@switchyard/sdk";
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { noManifests, pathNotFound } from "./errors.js";

/**
 * Turns CLI paths into manifest files: a path is a manifest file, an extension folder (it holds a
 * manifest), or a folder of extension folders (its immediate subfolders hold them). Only one level
 * deep on purpose: a deeper walk would wander into node_modules and build output. A symlinked
 * subfolder is followed once, as the host does; a loop or dangling link goes to `onSkipped`.
 * @throws SY_ERR_LINT_PATH_NOT_FOUND, SY_ERR_LINT_NO_MANIFESTS
 */
export function findManifests(
  paths: readonly string[],
  cwd: string,
  onSkipped: (path: string, problem: ManifestProblem) => void = () => {},
): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    if (!existsSync(absolute)) throw pathNotFound(path);
    if (statSync(absolute).isFile()) {
      found.add(absolute);
      continue;
    }
    const own = join(absolute, MANIFEST_FILE_NAME);
    if (existsSync(own)) {
      found.add(own);
      continue;
    }
    const children = manifestsInFolder(absolute);
    for (const child of children) if ("problem" in child) onSkipped(child.file, child.problem);
    const files = children.flatMap((child) => ("problem" in child ? [] : [child.file]));
    if (files.length === 0 && children.length === 0) throw noManifests(path, MANIFEST_FILE_NAME);
    for (const file of files) found.add(file);
  }
  return [...found];
}
