/**
 * select: the cost of asking where a request goes. `host.resolve()` (async: it may lazily load
 * extension code, normalizes the model, reads health, runs the pure selector, builds the route
 * and its trace) versus a hardcoded provider/api check returning the same decision; the pure
 * `selectTransport` alone shows how much of resolve() is the selector itself.
 */
import { createHost, selectTransport, type SelectorFacts } from "@switchyard/core";
import { EXTENSIONS, ENV, MODEL } from "./clients.js";
import { interleave, median, now, type Bench } from "./harness.js";

const REF = `openai/${MODEL}`;

interface Decision {
  kind: "websocket" | "http";
  url: string;
  model: string;
}

// What the runtime in DESIGN.md did: a provider name and api check baked into the code.
const WEBSOCKET_URL = "wss://api.openai.com/v1/responses";
const HTTP_URL = "https://api.openai.com/v1/responses";
function hardcodedDecision(ref: string, api: string): Decision {
  const slash = ref.indexOf("/");
  const provider = ref.slice(0, slash);
  const model = ref.slice(slash + 1);
  if (provider === "openai" && api === "openai-responses") return { kind: "websocket", url: WEBSOCKET_URL, model };
  return { kind: "http", url: HTTP_URL, model };
}

/** Runs `calls` iterations of `body`, returns ns per call. */
async function timeCalls(calls: number, body: (index: number) => unknown): Promise<number> {
  let sink = 0;
  const start = now();
  for (let index = 0; index < calls; index++) if (body(index)) sink++;
  const elapsed = now() - start;
  if (sink !== calls) throw new Error("select: a call returned nothing");
  return (elapsed * 1e6) / calls;
}

async function timeAsyncCalls(calls: number, body: () => Promise<unknown>): Promise<number> {
  let sink = 0;
  const start = now();
  for (let index = 0; index < calls; index++) if (await body()) sink++;
  const elapsed = now() - start;
  if (sink !== calls) throw new Error("select: a call returned nothing");
  return (elapsed * 1e6) / calls;
}

export const select: Bench = async ({ quick }) => {
  const counts = quick ? { warmup: 1, rounds: 5 } : { warmup: 2, rounds: 11 };
  const resolveCalls = quick ? 5_000 : 20_000;
  const pureCalls = quick ? 50_000 : 200_000;
  const hardcodedCalls = quick ? 500_000 : 2_000_000;
  // The shipped manifests, no config: resolve() opens no socket, so no emulator is needed.
  const host = await createHost({ extensions: [EXTENSIONS], env: ENV });
  try {
    const route = await host.resolve(REF);
    const expected = hardcodedDecision(REF, route.api);
    if (route.transport.kind !== expected.kind || route.transport.url !== expected.url || route.model !== expected.model) {
      throw new Error(`select: the hardcoded check decides ${JSON.stringify(expected)}, resolve() ${route.transport.kind} ${route.transport.url}`);
    }
    const facts: SelectorFacts = {
      policy: "auto",
      policySource: "default",
      websocket: { url: WEBSOCKET_URL, urlSource: "manifest", stability: "stable", insideOrigins: true },
      origins: route.origins,
      allowExperimental: false,
      baseUrlOverride: undefined,
    };
    const healthy = { state: "healthy" } as const;
    const pure = selectTransport(facts, healthy);
    if (!pure.ok || pure.kind !== "websocket") throw new Error("select: selectTransport did not pick websocket");

    const resolveVsHardcoded = await interleave(
      {
        switchyard: () => timeAsyncCalls(resolveCalls, () => host.resolve(REF)),
        baseline: () => timeCalls(hardcodedCalls, () => hardcodedDecision(REF, "openai-responses")),
      },
      counts,
    );
    const pureVsHardcoded = await interleave(
      {
        switchyard: () => timeCalls(pureCalls, () => selectTransport(facts, healthy)),
        baseline: () => timeCalls(hardcodedCalls, () => hardcodedDecision(REF, "openai-responses")),
      },
      counts,
    );
    // The async boundary alone: the same hardcoded check behind an await, as resolve() is.
    const awaitedHardcoded = await interleave(
      {
        switchyard: () => timeAsyncCalls(resolveCalls, () => host.resolve(REF)),
        baseline: () => timeAsyncCalls(resolveCalls * 10, async () => hardcodedDecision(REF, "openai-responses")),
      },
      counts,
    );
    return {
      name: "select",
      rows: [
        {
          metric: "host.resolve() per call",
          unit: "ns/call",
          better: "lower",
          switchyard: median(resolveVsHardcoded.switchyard),
          baselineLabel: "hardcoded provider/api check",
          baseline: median(resolveVsHardcoded.baseline),
        },
        {
          metric: "selectTransport() per call",
          unit: "ns/call",
          better: "lower",
          switchyard: median(pureVsHardcoded.switchyard),
          baselineLabel: "hardcoded provider/api check",
          baseline: median(pureVsHardcoded.baseline),
          note: "the pure selector alone",
        },
        {
          metric: "host.resolve() per call",
          unit: "ns/call",
          better: "lower",
          switchyard: median(awaitedHardcoded.switchyard),
          baselineLabel: "hardcoded check behind await",
          baseline: median(awaitedHardcoded.baseline),
          note: "the async boundary alone",
        },
      ],
      details: {
        ...counts,
        resolveCalls,
        pureCalls,
        hardcodedCalls,
        resolveVsHardcoded,
        pureVsHardcoded,
        awaitedHardcoded,
        route: { kind: route.transport.kind, url: route.transport.url, traceSteps: route.trace.length },
      },
    };
  } finally {
    await host.close();
  }
};
