import { closeSync, fstatSync, openSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import {
  LOAD_CHECKS,
  MANIFEST_FILE_NAME,
  MAX_MANIFEST_BYTES,
  formatProblem,
  manifestTooLarge,
  manifestsInFolder,
  parseManifest,
  problem,
  resolveEntry,
  type Manifest,
  type ManifestProblem,
} from "@switchyard/sdk";
import { refuseUnknownApis } from "./api-admission.js";
import { CoreErrorCode } from "./errors.js";
import { isPackageName, packageManifest } from "./extension-package.js";

/** A manifest that passed every load check; its code (if any) is not imported yet. */
export interface DiscoveredExtension {
  manifest: Manifest;
  file: string;
  folder: string;
  /** Absolute path of the entry module, when the manifest names one. */
  entry: string | undefined;
  warnings: ManifestProblem[];
}

/** An extension (or one path) that was skipped, and why. */
export interface LoadProblem {
  file: string;
  extension: string | undefined;
  problems: ManifestProblem[];
  /** One line per problem: `file#/path: message (CODE) Fix: …`. */
  summary: string;
}

/**
 * Finds manifests under each path (a manifest file, an extension folder, a folder of extension
 * folders, or an installed package name resolved from `cwd` as Node would), reads and checks them
 * without running any extension code, and returns what loads and what was skipped. Never throws:
 * every failure becomes a LoadProblem and the rest still load.
 */
export function discoverExtensions(paths: readonly string[], cwd: string): { extensions: DiscoveredExtension[]; problems: LoadProblem[] } {
  const extensions: DiscoveredExtension[] = [];
  const problems: LoadProblem[] = [];
  const seenFiles = new Set<string>();
  for (const given of paths) {
    for (const found of manifestsOf(given, cwd)) {
      if ("problem" in found) {
        problems.push(toLoadProblem(found.file, undefined, [found.problem]));
        continue;
      }
      // By real path: a folder given twice, once through a symlink, is one extension.
      const real = found.real ?? realOrSelf(found.file);
      if (seenFiles.has(real)) continue;
      seenFiles.add(real);
      const result = checkManifest(found);
      if ("problems" in result) problems.push(result);
      else extensions.push(result);
    }
  }
  return { extensions: refuseUnknownApis(refuseDuplicates(extensions, problems), problems), problems };
}

/** Where a manifest may be: real paths when the walk knows them, and the problem to report if the file is absent. */
export type ManifestLocation =
  | { file: string; real?: string; realFolder?: string; ifMissing?: { file: string; problem: ManifestProblem } }
  | { file: string; problem: ManifestProblem };

/** The manifests one `extensions` entry names: a path, or else (when nothing is there) an installed package. */
function manifestsOf(given: string, cwd: string): ManifestLocation[] {
  const target = path.resolve(cwd, given);
  const direct = path.join(target, MANIFEST_FILE_NAME);
  // The common case, a folder holding a manifest, costs one stat; the rest is decided only on a miss.
  if (statOrUndefined(direct)?.isFile()) return [{ file: direct }];
  const stats = statOrUndefined(target);
  if (stats === undefined) {
    if (isPackageName(given)) return packageManifest(given, cwd);
    return [
      {
        file: target,
        problem: problem(CoreErrorCode.discoveryPathNotFound, "", `Extension path ${target} does not exist.`, "Check the path given in `extensions`."),
      },
    ];
  }
  if (!stats.isDirectory()) return [{ file: target }];
  if (statOrUndefined(direct) !== undefined) return [{ file: direct }]; // not a file: reported as unreadable
  return manifestsInFolder(target);
}

function statOrUndefined(file: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** The row of named load checks: schema, then the shared semantic checks, then the entry file. */
function checkManifest(location: Exclude<ManifestLocation, { problem: ManifestProblem }>): DiscoveredExtension | LoadProblem {
  const { file } = location;
  let text: string;
  try {
    const read = readManifestText(file);
    if (typeof read !== "string") return toLoadProblem(file, undefined, [manifestTooLarge(read.tooLarge, file)]);
    text = read;
  } catch (error) {
    if (location.ifMissing && (error as NodeJS.ErrnoException).code === "ENOENT") return toLoadProblem(location.ifMissing.file, undefined, [location.ifMissing.problem]);
    const reason = error instanceof Error ? error.message : String(error);
    return toLoadProblem(file, undefined, [
      problem(CoreErrorCode.discoveryUnreadable, "", `Cannot read ${file}: ${reason}.`, "Check the file's permissions."),
    ]);
  }
  const parsed = parseManifest(text, { file });
  if (!parsed.ok) return toLoadProblem(file, idOf(text), parsed.problems);
  const manifest = parsed.manifest;
  // known-api needs every manifest (an api may come from another extension): refuseUnknownApis runs it.
  const found = LOAD_CHECKS.filter(({ name }) => name !== "known-api").flatMap(({ check }) => check(manifest));
  const errors = found.filter((p) => p.severity === "error");
  const folder = path.dirname(file);
  let entry: string | undefined;
  // The lexical part of entry-inside-extension already ran with LOAD_CHECKS; symlinks are followed here.
  if (manifest.entry !== undefined && !errors.some((p) => p.path === "/entry")) {
    const resolved = resolveEntry(folder, { ...manifest, entry: manifest.entry }, location.realFolder);
    if (resolved.kind === "outside") errors.push(resolved.problem);
    else entry = resolved.path;
    if (resolved.kind === "missing") {
      errors.push(
        problem(
          CoreErrorCode.extensionEntryMissing,
          "/entry",
          `Entry ${manifest.entry} of extension "${manifest.id}" does not exist (${resolved.path}).`,
          "Build the extension (pnpm build) or correct `entry`.",
        ),
      );
    }
  }
  if (errors.length > 0) return toLoadProblem(file, manifest.id, errors);
  return { manifest, file, folder, entry, warnings: found.filter((p) => p.severity === "warning") };
}

/** Two extensions may not declare the same extension id or provider id: the later one is refused. */
function refuseDuplicates(extensions: DiscoveredExtension[], problems: LoadProblem[]): DiscoveredExtension[] {
  const owners = new Map<string, string>();
  const kept: DiscoveredExtension[] = [];
  for (const extension of extensions) {
    const clashes: ManifestProblem[] = [];
    const ids = [extension.manifest.id, ...extension.manifest.providers.map((p) => p.id)];
    extension.manifest.providers.forEach((provider, index) => {
      const owner = owners.get(`provider:${provider.id}`);
      if (owner) {
        clashes.push(
          problem(
            CoreErrorCode.extensionDuplicateProvider,
            `/providers/${index}/id`,
            `Provider "${provider.id}" is already declared by ${owner}.`,
            "Give the provider a unique id, or load only one of the two extensions.",
          ),
        );
      }
    });
    const extensionOwner = owners.get(`extension:${extension.manifest.id}`);
    if (extensionOwner) {
      clashes.push(
        problem(CoreErrorCode.extensionDuplicateProvider, "/id", `Extension id "${extension.manifest.id}" is already used by ${extensionOwner}.`, "Rename one extension."),
      );
    }
    if (clashes.length > 0) {
      problems.push(toLoadProblem(extension.file, extension.manifest.id, clashes));
      continue;
    }
    owners.set(`extension:${ids[0]}`, extension.file);
    for (const provider of extension.manifest.providers) owners.set(`provider:${provider.id}`, extension.file);
    kept.push(extension);
  }
  return kept;
}

export function toLoadProblem(file: string, extension: string | undefined, problems: ManifestProblem[]): LoadProblem {
  return { file, extension, problems, summary: problems.map((p) => formatProblem(p, file)).join("\n") };
}

/**
 * Reads a manifest through one descriptor: sized (fstat) before it is read, so a huge file is
 * refused without loading it into memory; open, fstat, read, close and nothing else.
 */
function readManifestText(file: string): string | { tooLarge: number } {
  const fd = openSync(file, "r");
  try {
    const bytes = fstatSync(fd).size;
    if (bytes > MAX_MANIFEST_BYTES) return { tooLarge: bytes };
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

function realOrSelf(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return file;
  }
}

function idOf(text: string): string | undefined {
  try {
    const value = JSON.parse(text) as { id?: unknown };
    return typeof value.id === "string" ? value.id : undefined;
  } catch {
    return undefined;
  }
}
