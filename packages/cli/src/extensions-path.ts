import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isPackageSpecifier, resolvePackageFolder } from "@switchyard/core";
import { CliErrorCode, cliError } from "./errors.js";

/** The extension packages the CLI depends on and loads when no `--extensions` is given. */
export const SHIPPED_EXTENSION_PACKAGES = [
  "@switchyard/extension-openai",
  "@switchyard/extension-openai-codex",
  "@switchyard/extension-openai-compatible",
  "@switchyard/extension-xai",
] as const;

const CLI_DIR = path.dirname(fileURLToPath(import.meta.url));

/** The shipped extensions' folders, resolved from this package (they are its dependencies). @throws SY_ERR_CLI_EXTENSIONS_NOT_FOUND */
export function shippedExtensionFolders(): string[] {
  return SHIPPED_EXTENSION_PACKAGES.map((name) => {
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
