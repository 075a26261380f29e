/**
 * startup: createHost over 200 generated extensions (manifest + a small entry importing
 * @switchyard/sdk's defineExtension) — manifest-first, no extension code runs — versus a loader
 * that imports every entry eagerly. Each sample is a fresh process (startup-child.ts).
 */
import { fork } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { interleave, median, withTimeout, type Bench } from "./harness.js";
import type { StartupSample } from "./startup-child.js";

const childFile = fileURLToPath(new URL("./startup-child.js", import.meta.url));

/**
 * Generated under test/dist (git-ignored) so the entries resolve @switchyard/sdk from
 * test/node_modules the way an installed extension resolves it from its own.
 */
function generate(folder: string, count: number): void {
  rmSync(folder, { recursive: true, force: true });
  for (let index = 1; index <= count; index++) {
    const id = `bench-ext-${String(index).padStart(3, "0")}`;
    const dir = path.join(folder, id);
    mkdirSync(dir, { recursive: true });
    const manifest = {
      manifestVersion: 1,
      id,
      version: "0.1.0",
      description: `Generated benchmark extension ${index}.`,
      hostApi: "^0.1.0",
      entry: "./index.js",
      providers: [
        {
          id,
          name: `Bench ${index}`,
          api: "openai-responses",
          baseUrl: `https://${id}.example.com/v1`,
          origins: [`https://${id}.example.com`],
          auth: { scheme: "bearer", env: [`BENCH_EXT_${index}_KEY`] },
          models: { default: "bench-model", known: ["bench-model", "bench-model-mini"], aliases: { latest: "bench-model" }, accept: "^bench-" },
          transports: {
            http: { path: "/responses" },
            websocket: { url: `wss://${id}.example.com/v1/responses`, stability: "stable", maxConnectionAgeMs: 3_600_000, maxInFlight: 1 },
          },
        },
      ],
    };
    writeFileSync(path.join(dir, "switchyard.extension.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(
      path.join(dir, "index.js"),
      [
        `import { defineExtension } from "@switchyard/sdk";`,
        ``,
        `const aliases = new Map([["${id}-default", "bench-model"]]);`,
        ``,
        `export default defineExtension({`,
        `  id: "${id}",`,
        `  providers: {`,
        `    "${id}": {`,
        `      normalizeModelId(modelId) {`,
        `        return aliases.get(modelId) ?? (modelId.startsWith("bench-") ? modelId : undefined);`,
        `      },`,
        `      shapeRequest(body) {`,
        `        return { ...body, metadata: { ...(body.metadata ?? {}), extension: "${id}" } };`,
        `      },`,
        `    },`,
        `  },`,
        `});`,
        ``,
      ].join("\n"),
    );
  }
}

function sample(mode: "manifest" | "eager", folder: string): Promise<StartupSample> {
  const child = fork(childFile, [mode, folder], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return withTimeout(
    new Promise<StartupSample>((resolve, reject) => {
      let result: StartupSample | undefined;
      child.once("message", (message) => (result = message as StartupSample));
      child.once("exit", (code) => (result ? resolve(result) : reject(new Error(`startup child (${mode}) exited with ${code}`))));
    }),
    30_000,
    `startup child (${mode})`,
  ).finally(() => {
    if (child.exitCode === null) child.kill();
  });
}

export const startup: Bench = async ({ quick }) => {
  const count = 200;
  const counts = quick ? { warmup: 1, rounds: 3 } : { warmup: 1, rounds: 9 };
  const folder = fileURLToPath(new URL("../bench-extensions", import.meta.url));
  generate(folder, count);
  try {
    const firstResolve: number[] = [];
    const samples = await interleave(
      {
        switchyard: async () => {
          const result = await sample("manifest", folder);
          if (result.extensions !== count) throw new Error(`startup: createHost loaded ${result.extensions} of ${count}`);
          firstResolve.push(result.firstResolveMs ?? Number.NaN);
          return result.ms;
        },
        baseline: async () => {
          const result = await sample("eager", folder);
          if (result.extensions !== count) throw new Error(`startup: the eager loader imported ${result.extensions} of ${count}`);
          return result.ms;
        },
      },
      counts,
    );
    return {
      name: "startup",
      rows: [
        {
          metric: `load ${count} extensions`,
          unit: "ms",
          better: "lower",
          switchyard: median(samples.switchyard),
          baselineLabel: "import every entry eagerly",
          baseline: median(samples.baseline),
          note: "createHost: manifests read + checked, no code run",
        },
        {
          metric: "first resolve of one provider",
          unit: "ms",
          better: "lower",
          switchyard: median(firstResolve.slice(-counts.rounds)),
          baselineLabel: "(paid at startup)",
          baseline: undefined,
          note: "lazy import of that one entry",
        },
      ],
      details: { extensions: count, ...counts, samples, firstResolveMs: firstResolve.slice(-counts.rounds) },
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};
