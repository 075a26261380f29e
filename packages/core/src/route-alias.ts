import { routeExhaustedError } from "./errors.js";
import type { Route, RouteCandidate } from "./route.js";

/**
 * `host.resolve()` for a route alias: the first candidate that resolves, with every candidate
 * explained (the ones before it: why not; the ones after it: standby). Throws
 * SY_ERR_ROUTE_EXHAUSTED when none resolves.
 */
export async function resolveAlias(alias: string, candidates: readonly string[], resolve: (ref: string) => Promise<Route>): Promise<Route> {
  const explained: RouteCandidate[] = [];
  let lastError: unknown;
  for (const [index, ref] of candidates.entries()) {
    try {
      const route = await resolve(ref);
      explained.push({ ref, outcome: "selected" }, ...candidates.slice(index + 1).map((standby): RouteCandidate => ({ ref: standby, outcome: "standby" })));
      return { ...route, alias: { name: alias, candidates: explained } };
    } catch (error) {
      lastError = error;
      const code = (error as { code?: unknown }).code;
      explained.push({ ref, outcome: "unavailable", code: typeof code === "string" ? code : "unknown", message: error instanceof Error ? error.message : String(error) });
    }
  }
  throw routeExhaustedError(
    alias,
    explained.map((candidate) => ({ ref: candidate.ref, code: candidate.code ?? "unknown", message: candidate.message ?? "" })),
    lastError,
  );
}
