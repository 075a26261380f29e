import { existsSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { MANIFEST_FILE_NAME, problem, type ManifestProblem } from "@switchyard/sdk";
import { CoreErrorCode } from "./errors.js";

// npm's name rule (lower case, optional scope); anything else in `extensions` is a path.
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/**
 * True when an `extensions` entry names a package rather than a path: it is a valid npm package
 * name and nothing of that name exists relative to `cwd` (so `./x`, `/x` and an existing folder
 * `x` stay paths, as they always were).
 */
export function isPackageSpecifier(entry: string, cwd: string): boolean {
  return isPackageName(entry) && !existsSync(path.resolve(cwd, entry));
}

/** True when `entry` is a valid npm package name (whether or not a path of that name exists). */
export function isPackageName(entry: string): boolean {
  return PACKAGE_NAME.test(entry);
}

/**
 * The folder of package `name` as Node's module resolution finds it from `fromDir` (each
 * `node_modules` from there up to the root, then NODE_PATH), or undefined when it is not
 * installed. Looks for the folder itself, so a package need not export `./package.json`; the
 * result is the real path, so a package linked twice (pnpm) is one extension.
 */
export function resolvePackageFolder(name: string, fromDir: string): string | undefined {
  for (const modules of packageLookupPaths(name, fromDir)) {
    const folder = path.join(modules, name);
    if (existsSync(path.join(folder, "package.json"))) return realpathSync.native(folder);
  }
  return undefined;
}

/** The `node_modules` folders searched for `name` from `fromDir`, for error messages. */
function packageLookupPaths(name: string, fromDir: string): string[] {
  return createRequire(path.join(fromDir, "noop.js")).resolve.paths(name) ?? [];
}

/**
 * The manifest at the root of installed package `name`, or the problem that keeps it from loading.
 * Whether the manifest exists is learnt by reading it: `ifMissing` is what to report if it does not.
 */
export function packageManifest(
  name: string,
  cwd: string,
): Array<{ file: string; realFolder: string; ifMissing: { file: string; problem: ManifestProblem } } | { file: string; problem: ManifestProblem }> {
  const folder = resolvePackageFolder(name, cwd);
  if (folder === undefined) {
    const searched = packageLookupPaths(name, cwd).slice(0, 3).join(", ");
    return [
      {
        file: name,
        problem: problem(
          CoreErrorCode.discoveryPackageNotFound,
          "",
          `Extension package "${name}" is not installed where Node resolves it from ${cwd} (searched ${searched}, …).`,
          `Install it (npm install ${name}), set \`cwd\` to the project that depends on it, or pass a path starting with ./ for a folder.`,
        ),
      },
    ];
  }
  return [
    {
      file: path.join(folder, MANIFEST_FILE_NAME),
      realFolder: folder,
      ifMissing: {
        file: folder,
        problem: problem(
          CoreErrorCode.discoveryPackageNoManifest,
          "",
          `Package "${name}" (${folder}) has no ${MANIFEST_FILE_NAME} at its root, so it is not a Switchyard extension.`,
          `Publish the manifest at the package root and list it in the package's "files".`,
        ),
      },
    },
  ];
}
