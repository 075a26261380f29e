/**
 * startup: at 10, 200 and 2000 generated extensions (manifest + a small entry importing
 * @switchyard/sdk's defineExtension), `createHost` alone (manifest-first: no extension code runs)
 * and `createHost` + resolving every provider once (each resolve loads that provider's entry
 * and runs its hook), against a loader that imports every entry eagerly. Each sample is a fresh
 * process (startup-child.ts); the growth rows show whether cost per extension stays flat.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { childResult, format, interleaveAll, median, type Bench, type Row } from "./harness.js";
import type { StartupSample } from "./startup-child.js";

const childFile = fileURLToPath(new URL("./startup-child.js", import.meta.url));

/**
 * Generated under test/dist (git-ignored) so the entries resolve @switchyard/sdk from
 * test/node_modules the way an installed extension resolves it from its own.
 */
export function generateExtensions(folder: string, count: number): void {
  rmSync(folder, { recursive: true, force: true });
  for (let index = 1; index <= count; index++) {
    const id = `bench-ext-${String(index).padStart(4, "0")}`;
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
          // Half the providers a literal prefix (matched by startsWith), half a pattern RE2 compiles.
          models: { default: "bench-model", known: ["bench-model", "bench-model-mini"], aliases: { latest: "bench-model" }, accept: index % 2 === 0 ? "^bench-" : `^(bench|${id})-[a-z0-9.-]+$` },
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
        `const aliases = new Map([["house", "bench-model"]]);`,
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

function sample(mode: StartupSample["mode"], folder: string): Promise<StartupSample> {
  return childResult<StartupSample>(childFile, [mode, folder], `startup child (${mode})`, 30_000);
}

interface SizeResult {
  count: number;
  createHost: number[];
  resolved: number[];
  firstResolve: number[];
  eager: number[];
  /** The eager loader checking each manifest with the sdk's parseManifest + LOAD_CHECKS first. */
  eagerChecked: number[];
}

/** Rounds per size: fewer where one sample takes long, so the whole bench stays under a minute. */
const SIZES: ReadonlyArray<{ count: number; full: { warmup: number; rounds: number }; quick: { warmup: number; rounds: number } }> = [
  { count: 10, full: { warmup: 1, rounds: 7 }, quick: { warmup: 1, rounds: 2 } },
  { count: 200, full: { warmup: 1, rounds: 7 }, quick: { warmup: 1, rounds: 2 } },
  { count: 2000, full: { warmup: 1, rounds: 6 }, quick: { warmup: 0, rounds: 1 } },
];

async function measureSize(count: number, counts: { warmup: number; rounds: number }, root: string): Promise<SizeResult> {
  const folder = path.join(root, String(count));
  generateExtensions(folder, count);
  const result: SizeResult = { count, createHost: [], resolved: [], firstResolve: [], eager: [], eagerChecked: [] };
  const expect = (sample: StartupSample, what: string): StartupSample => {
    if (sample.extensions !== count) throw new Error(`startup: ${what} loaded ${sample.extensions} of ${count} extensions`);
    return sample;
  };
  let round = 0;
  // interleaveAll() rotates which side goes first; its samples are the recorded rounds only.
  const samples = await interleaveAll(
    {
      switchyard: async () => {
        const got = expect(await sample("switchyard", folder), "createHost");
        if (round++ >= counts.warmup) {
          result.resolved.push(got.resolvedMs ?? Number.NaN);
          result.firstResolve.push(got.firstResolveMs ?? Number.NaN);
        }
        return got.ms;
      },
      baseline: async () => expect(await sample("eager", folder), "the eager loader").ms,
      checked: async () => expect(await sample("eager-checked", folder), "the checking eager loader").ms,
    },
    counts,
  );
  result.createHost = samples.switchyard;
  result.eager = samples.baseline;
  result.eagerChecked = samples.checked;
  rmSync(folder, { recursive: true, force: true });
  return result;
}

function rows(size: SizeResult): Row[] {
  const createHost = median(size.createHost);
  const resolved = median(size.resolved);
  const eager = median(size.eager);
  const perExtension = (ms: number) => `${format((ms * 1000) / size.count)} µs per extension`;
  return [
    {
      metric: `createHost, ${size.count} extensions`,
      unit: "ms",
      better: "lower",
      switchyard: createHost,
      baselineLabel: "import every entry eagerly",
      baseline: eager,
      note: `manifests read + checked, no code run; ${perExtension(createHost)}`,
    },
    {
      metric: `createHost + resolve every provider, ${size.count} extensions`,
      unit: "ms",
      better: "lower",
      switchyard: resolved,
      baselineLabel: "import every entry eagerly",
      baseline: eager,
      note: `each resolve loads its entry (require() of the ES module, Node 20.19+) and runs its hook; ${perExtension(resolved)} (eager: ${perExtension(eager)}); goal ≤ 1×`,
    },
    {
      metric: `createHost + resolve every provider, ${size.count} extensions, against a checking loader`,
      unit: "ms",
      better: "lower",
      switchyard: resolved,
      baselineLabel: "check every manifest (sdk), import every entry, run each hook",
      baseline: median(size.eagerChecked),
      note: "the eager loader doing the checks and hook calls Switchyard must do too: what is left is the host's own cost",
    },
  ];
}

/** Per-extension cost at the largest size ÷ at the middle one: 1 is linear growth. */
function growth(small: SizeResult, large: SizeResult, pick: (size: SizeResult) => number[]): number {
  return median(pick(large)) / large.count / (median(pick(small)) / small.count);
}

/** Added cost per added extension, large step ÷ small step: 1 is linear once fixed costs are out. */
function marginalGrowth(sizes: readonly SizeResult[], pick: (size: SizeResult) => number[]): number {
  const [a, b, c] = sizes.map((size) => ({ count: size.count, ms: median(pick(size)) })) as [{ count: number; ms: number }, { count: number; ms: number }, { count: number; ms: number }];
  return (c.ms - b.ms) / (c.count - b.count) / ((b.ms - a.ms) / (b.count - a.count));
}

export const startup: Bench = async ({ quick }) => {
  const root = fileURLToPath(new URL("../bench-extensions", import.meta.url));
  try {
    const sizes: SizeResult[] = [];
    for (const size of SIZES) sizes.push(await measureSize(size.count, quick ? size.quick : size.full, root));
    const [, middle, largest] = sizes as [SizeResult, SizeResult, SizeResult];
    const resolvedOf = (size: SizeResult) => size.resolved;
    const eagerOf = (size: SizeResult) => size.eager;
    return {
      name: "startup",
      rows: [
        ...sizes.flatMap(rows),
        {
          metric: `growth: cost per extension at ${largest.count} ÷ at ${middle.count}`,
          unit: "×",
          better: "lower",
          switchyard: growth(middle, largest, resolvedOf),
          baselineLabel: "the same for eager import",
          baseline: growth(middle, largest, eagerOf),
          note: `createHost + resolve every provider; 1 is linear (marginal cost ${largest.count}-step ÷ ${middle.count}-step: ${format(marginalGrowth(sizes, resolvedOf))}, eager ${format(marginalGrowth(sizes, eagerOf))})`,
        },
        {
          metric: `first resolve to settle, ${largest.count} extensions`,
          unit: "ms",
          better: "lower",
          switchyard: median(largest.firstResolve),
          baselineLabel: "(paid at startup)",
          baseline: undefined,
          note: "all resolves started at once; entries load in 10 ms slices of the event loop, so the first waits for its slice and the others' set-up, not for every entry",
        },
      ],
      details: {
        sizes: sizes.map((size) => ({
          ...size,
          msPerExtension: {
            createHost: median(size.createHost) / size.count,
            resolved: median(size.resolved) / size.count,
            eager: median(size.eager) / size.count,
            eagerChecked: median(size.eagerChecked) / size.count,
          },
        })),
        growth: {
          resolved: growth(middle, largest, resolvedOf),
          createHost: growth(middle, largest, (size) => size.createHost),
          eager: growth(middle, largest, eagerOf),
          marginalResolved: marginalGrowth(sizes, resolvedOf),
          marginalCreateHost: marginalGrowth(sizes, (size) => size.createHost),
          marginalEager: marginalGrowth(sizes, eagerOf),
        },
        rounds: Object.fromEntries(SIZES.map((size) => [size.count, quick ? size.quick : size.full])),
      },
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
};
