import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CliErrorCode, cliError } from "./errors.js";

/** The repository's extensions folder, relative to this package (packages/cli/dist → extensions). */
export const BUNDLED_EXTENSIONS = fileURLToPath(new URL("../../../extensions", import.meta.url));

/**
 * Where extensions are loaded from: `--extensions` (repeatable), else SWITCHYARD_EXTENSIONS
 * (path-delimiter separated), else the repository's `extensions/`. @throws SY_ERR_CLI_EXTENSIONS_NOT_FOUND
 */
export function resolveExtensionPaths(cwd: string, option: readonly string[] | undefined, env: Readonly<Record<string, string | undefined>>): string[] {
  const given = option?.length ? [...option] : env.SWITCHYARD_EXTENSIONS ? env.SWITCHYARD_EXTENSIONS.split(path.delimiter).filter(Boolean) : [BUNDLED_EXTENSIONS];
  const paths = given.map((entry) => path.resolve(cwd, entry));
  for (const entry of paths) {
    if (!existsSync(entry)) {
      throw cliError(
        CliErrorCode.extensionsNotFound,
        `Extensions path ${entry} does not exist.`,
        "Pass an extension folder, a folder of extension folders or a manifest to --extensions (or SWITCHYARD_EXTENSIONS).",
      );
    }
  }
  return paths;
}
