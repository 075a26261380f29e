/**
 * One cold start, in a fresh process (so no module is cached from an earlier round), forked by
 * startup.ts. Both modes import @switchyard/core and @switchyard/sdk before the clock starts:
 * what is timed is loading the extensions, not loading Switchyard.
 *   switchyard: createHost() over the folder (reads and checks every manifest, runs no extension
 *               code), then resolves every provider once, all at once as the eager loader imports:
 *               each resolve loads that provider's entry (the host's loadEntry: require() of the
 *               ES module where Node can, else import()) and runs its normalizeModelId hook
 *   eager:      a loader that reads every manifest and imports every entry module up front
 *   eager-checked: the same, checking each manifest first with the sdk's own parseManifest and
 *               LOAD_CHECKS (what any loader that refuses a bad manifest must do), loading each
 *               entry as the host does (require() of the ES module where Node can, else import())
 *               and calling each provider's normalizeModelId hook once, as each resolve does: the
 *               least any host does for this workload, so what differs is Switchyard's own cost
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

export interface StartupSample {
  mode: "switchyard" | "eager" | "eager-checked";
  /** switchyard: createHost alone; eager: reading every manifest and importing every entry. */
  ms: number;
  /** switchyard: createHost plus resolving every provider once (what compares with eager). */
  resolvedMs?: number;
  /** switchyard: the first resolve to settle, timed from the start of the resolves. */
  firstResolveMs?: number;
  extensions: number;
}

async function main(): Promise<void> {
  const [mode, folder] = process.argv.slice(2) as [StartupSample["mode"], string];
  const { createHost } = await import("@switchyard/core");
  const { isExtensionDefinition, LOAD_CHECKS, parseManifest } = await import("@switchyard/sdk");
  let sample: StartupSample;
  if (mode === "switchyard") {
    const start = performance.now();
    const host = await createHost({ extensions: [folder], env: {} });
    const ms = performance.now() - start;
    const { providers, problems } = host.providers();
    if (problems.length > 0) throw new Error(`startup: ${problems[0]?.summary}`);
    const resolveStart = performance.now();
    let firstResolveMs: number | undefined;
    // Model `house` is known only to the entry's normalizeModelId hook: the entry must be imported and run.
    const routes = await Promise.all(
      providers.map(async (provider) => {
        const route = await host.resolve(`${provider.id}/house`);
        firstResolveMs ??= performance.now() - resolveStart;
        return route;
      }),
    );
    const resolvedMs = performance.now() - start;
    if (!routes.every((route) => route.model === "bench-model")) throw new Error("startup: a generated hook did not run");
    await host.close();
    sample = { mode, ms, resolvedMs, firstResolveMs, extensions: routes.length };
  } else {
    const start = performance.now();
    const folders = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    const definitions = await Promise.all(
      folders.map(async (folderEntry) => {
        const dir = path.join(folder, folderEntry.name);
        const file = path.join(dir, "switchyard.extension.json");
        const text = readFileSync(file, "utf8");
        let manifest: { entry: string };
        if (mode === "eager-checked") {
          const parsed = parseManifest(text, { file });
          if (!parsed.ok || LOAD_CHECKS.some(({ check }) => check(parsed.manifest).some((found) => found.severity === "error"))) {
            throw new Error(`startup: ${file} does not pass the load checks`);
          }
          manifest = parsed.manifest as { entry: string };
        } else manifest = JSON.parse(text) as { entry: string };
        const entry = path.resolve(dir, manifest.entry);
        const module = (await (mode === "eager-checked" ? loadLikeTheHost(entry) : import(pathToFileURL(entry).href))) as { default: unknown };
        if (mode === "eager-checked" && isExtensionDefinition(module.default)) {
          for (const [id, hooks] of Object.entries(module.default.providers)) {
            const model = hooks.normalizeModelId?.("house", { extensionId: module.default.id, providerId: id });
            if (model !== "bench-model") throw new Error(`startup: the hook of ${id} did not run`);
          }
        }
        return module.default;
      }),
    );
    const ms = performance.now() - start;
    if (!definitions.every((definition) => isExtensionDefinition(definition))) throw new Error("startup: an entry is not an extension");
    sample = { mode, ms, extensions: definitions.length };
  }
  process.send?.(sample);
}

const requireModule = createRequire(import.meta.url);

/** require() of an ES module (Node 20.19+), as the host's loadEntry does; this workload has no entry it cannot load. */
function loadLikeTheHost(file: string): unknown {
  if ((process.features as { require_module?: boolean }).require_module !== true) return import(pathToFileURL(file).href);
  return requireModule(file);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
