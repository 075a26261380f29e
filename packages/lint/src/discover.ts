import { MANIFEST_FILE_NAME } from "@switchyard/sdk";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { noManifests, pathNotFound } from "./errors.js";

/**
 * Turns CLI paths into manifest files: a path is a manifest file, an extension folder (it holds a
 * manifest), or a folder of extension folders (its immediate subfolders hold them). Only one level
 * deep on purpose: a deeper walk would wander into node_modules and build output.
 * @throws SY_ERR_LINT_PATH_NOT_FOUND, SY_ERR_LINT_NO_MANIFESTS
 */
export function findManifests(paths: readonly string[], cwd: string): string[] {
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
    const children = readdirSync(absolute, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules")
      .map((entry) => join(absolute, entry.name, MANIFEST_FILE_NAME))
      .filter((candidate) => existsSync(candidate))
      .sort();
    if (children.length === 0) throw noManifests(path, MANIFEST_FILE_NAME);
    for (const child of children) found.add(child);
  }
  return [...found];
}
