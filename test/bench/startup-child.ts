/**
 * One cold start, in a fresh process (so no module is cached from an earlier round), forked by
 * startup.ts. Both modes import @switchyard/core and @switchyard/sdk before the clock starts:
 * what is timed is loading the extensions, not loading Switchyard.
 *   manifest: createHost() over the folder — reads and checks every manifest, runs no extension code
 *   eager:    a loader that reads every manifest and imports every entry module up front
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

export interface StartupSample {
  mode: "manifest" | "eager";
  ms: number;
  extensions: number;
  /** manifest mode: the first resolve of one provider, which imports that one entry. */
  firstResolveMs?: number;
}

async function main(): Promise<void> {
  const [mode, folder] = process.argv.slice(2) as ["manifest" | "eager", string];
  const { createHost } = await import("@switchyard/core");
  const { isExtensionDefinition } = await import("@switchyard/sdk");
  let sample: StartupSample;
  if (mode === "manifest") {
    const start = performance.now();
    const host = await createHost({ extensions: [folder], env: {} });
    const ms = performance.now() - start;
    const { providers, problems } = host.providers();
    if (problems.length > 0) throw new Error(`startup: ${problems[0]?.summary}`);
    const resolveStart = performance.now();
    const route = await host.resolve(`${providers[0]?.id}/bench-model`);
    const firstResolveMs = performance.now() - resolveStart;
    if (route.model !== "bench-model") throw new Error("startup: the generated hook did not run");
    await host.close();
    sample = { mode, ms, extensions: providers.length, firstResolveMs };
  } else {
    const start = performance.now();
    const folders = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    const definitions = await Promise.all(
      folders.map(async (entry) => {
        const dir = path.join(folder, entry.name);
        const manifest = JSON.parse(readFileSync(path.join(dir, "switchyard.extension.json"), "utf8")) as { entry: string };
        const module = (await import(pathToFileURL(path.resolve(dir, manifest.entry)).href)) as { default: unknown };
        return module.default;
      }),
    );
    const ms = performance.now() - start;
    if (!definitions.every((definition) => isExtensionDefinition(definition))) throw new Error("startup: an entry is not an extension");
    sample = { mode, ms, extensions: definitions.length };
  }
  process.send?.(sample);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
