import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isPackageSpecifier, resolvePackageFolder } from "@switchyard/core";
import { CliErrorCode, cliError } from "./errors.js";
import { cliPackageJson } from "./version.js";

const CLI_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * The extension packages the CLI loads when no `--extensions` is given: its own
 * `@switchyard/extension-*` dependencies, so adding one to package.json is all it takes.
 */
export function shippedExtensionPackages(): string[] {
  return Object.keys(cliPackageJson().dependencies ?? {})
    .filter((name) => name.startsWith("@switchyard/extension-"))
    .sort();
}

/** The shipped extensions' folders, resolved from this package (they are its dependencies). @throws SY_ERR_CLI_EXTENSIONS_NOT_FOUND */
export function shippedExtensionFolders(): string[] {
  return shippedExtensionPackages().map((name) => {
    const folder = resolvePackageFolder(name, CLI_DIR);
    if (folder === undefined) {
      throw cliError(
        CliErrorCode.extensionsNotFound,
        `The shipped extension package ${name} is not installed next to @switchyard/cli (${CLI_DIR}).`,
        "Reinstall @switchyard/cli (it depends on the shipped extensions), or pass --extensions.",
      );
    }
    return folder;
  });
}

/**
 * Where extensions are loaded from: `--extensions` (repeatable), else SWITCHYARD_EXTENSIONS
 * (path-delimiter separated), else the shipped extension packages. Each entry is a path or an
 * installed package name, resolved from `cwd`. @throws SY_ERR_CLI_EXTENSIONS_NOT_FOUND
 */
export function resolveExtensionPaths(cwd: string, option: readonly string[] | undefined, env: Readonly<Record<string, string | undefined>>): string[] {
  const given = option?.length ? [...option] : env.SWITCHYARD_EXTENSIONS ? env.SWITCHYARD_EXTENSIONS.split(path.delimiter).filter(Boolean) : undefined;
  if (given === undefined) return shippedExtensionFolders();
  return given.map((entry) => {
    const folder = isPackageSpecifier(entry, cwd) ? resolvePackageFolder(entry, cwd) : path.resolve(cwd, entry);
    if (folder === undefined || !existsSync(folder)) {
      throw cliError(
        CliErrorCode.extensionsNotFound,
        folder === undefined ? `Extension package ${entry} is not installed where Node resolves it from ${cwd}.` : `Extensions path ${folder} does not exist.`,
        "Pass an extension folder, a folder of extension folders, a manifest or an installed package name to --extensions (or SWITCHYARD_EXTENSIONS).",
      );
    }
    return folder;
  });
}
