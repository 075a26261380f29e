import { readFileSync } from "node:fs";

/** This package's package.json: its version and its dependencies as npm installed them. */
export function cliPackageJson(): { version: string; dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string; dependencies?: Record<string, string> };
}

/** This package's version (so `--version` and scaffolds agree with npm). */
export function cliVersion(): string {
  return cliPackageJson().version;
}
