import { readFileSync } from "node:fs";

/** This package's version, from its package.json (so `--version` and scaffolds agree with npm). */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
