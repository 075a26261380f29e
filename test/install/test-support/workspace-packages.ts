import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** A publishable package of the workspace: its folder and package.json. */
export interface WorkspacePackage {
  folder: string;
  manifest: PackageJson;
}

export interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  license?: string;
  type?: string;
  engines?: Record<string, string>;
  exports?: Record<string, unknown>;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Every package under packages/* and extensions/* (any that other branches add, too). */
export function workspacePackages(): WorkspacePackage[] {
  return ["packages", "extensions"].flatMap((group) =>
    readdirSync(path.join(ROOT, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(ROOT, group, entry.name, "package.json")))
      .map((entry) => {
        const folder = path.join(ROOT, group, entry.name);
        return { folder, manifest: JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")) as PackageJson };
      }),
  );
}
