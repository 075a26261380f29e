import type { HealthView } from "./health.js";

/**
 * The transport selector: a pure function of route facts (from manifests and config), policy and
 * health at a given time → a decision and a trace. It knows no provider by name; every fact it
 * uses was declared by a manifest or written by the user. Reason codes are public and stable.
 */

export type TransportPolicy = "auto" | "websocket" | "http";

export type SelectorReason =
  | "policy-http"
  | "policy-websocket"
  | "policy-auto"
  | "websocket-not-declared"
  | "websocket-declared"
  | "websocket-outside-origins"
  | "websocket-inside-origins"
  | "websocket-experimental"
  | "websocket-experimental-allowed"
  | "websocket-stable"
  | "base-url-overridden"
  | "base-url-covered"
  | "websocket-cooling-down"
  | "websocket-probe-in-flight"
  | "websocket-cooling-down-ignored"
  | "half-open-probe"
  | "websocket-healthy"
  | "websocket-selected";

export interface TraceStep {
  check: "policy" | "websocket-declared" | "websocket-origin" | "websocket-stability" | "base-url" | "health" | "decision";
  outcome: "pass" | "fail" | "decide";
  reason: SelectorReason;
  /** A sentence a person can read. */
  message: string;
  /** Facts behind a health decision: since/until/last failure. */
  data?: Record<string, unknown>;
}

export interface SelectorFacts {
  policy: TransportPolicy;
  /** Where the policy came from, for the trace. */
  policySource: "request" | "config" | "default";
  /** The websocket capability, if the manifest declared one and the api speaks websocket. */
  websocket:
    | {
        url: string | undefined;
        urlSource: "manifest" | "config";
        stability: "stable" | "experimental";
        /** Whether `url` lies inside `origins`: computed once when the provider's settings are built. */
        insideOrigins: boolean;
      }
    | undefined;
  /** The effective credential origins (manifest origins plus an overridden base URL's origin). */
  origins: readonly string[];
  allowExperimental: boolean;
  /** Set when the base URL was overridden to an origin the manifest's base URL does not share. */
  baseUrlOverride: { origin: string; source: "config" | "env" } | undefined;
}

export type SelectorDecision =
  | { ok: true; kind: "http"; trace: TraceStep[] }
  | { ok: true; kind: "websocket"; url: string; probe: boolean; fallback: "http" | undefined; trace: TraceStep[] }
  | { ok: false; reason: SelectorReason; trace: TraceStep[] };

export function selectTransport(facts: SelectorFacts, health: HealthView): SelectorDecision {
  const trace: TraceStep[] = [];
  const forced = facts.policy === "websocket";
  // Under policy websocket a failed check is an error, never a silent downgrade to HTTP.
  const toHttp = (step: TraceStep): SelectorDecision => {
    trace.push(step);
    return forced ? { ok: false, reason: step.reason, trace } : { ok: true, kind: "http", trace };
  };

  // 1. policy
  if (facts.policy === "http") {
    trace.push(step("policy", "decide", "policy-http", `Transport policy is http (${facts.policySource}).`));
    return { ok: true, kind: "http", trace };
  }
  trace.push(
    step(
      "policy",
      "pass",
      forced ? "policy-websocket" : "policy-auto",
      forced
        ? `Transport policy is websocket (${facts.policySource}): websocket or an error, no downgrade.`
        : `Transport policy is auto (${facts.policySource}): websocket when declared and healthy, HTTP otherwise.`,
    ),
  );

  // 2. declared, with an explicit URL
  const websocket = facts.websocket;
  if (!websocket || websocket.url === undefined) {
    return toHttp(
      step(
        "websocket-declared",
        "fail",
        "websocket-not-declared",
        websocket
          ? "The manifest declares a websocket capability without a url; there is no default websocket URL."
          : "The manifest declares no websocket capability for this provider's api.",
      ),
    );
  }
  const url = websocket.url;
  trace.push(step("websocket-declared", "pass", "websocket-declared", `Websocket declared at ${url} (${websocket.urlSource}).`));

  // 3. inside the credential origins
  if (!websocket.insideOrigins) {
    return toHttp(
      step(
        "websocket-origin",
        "fail",
        "websocket-outside-origins",
        `Refused ${url}: its origin is outside this provider's credential origins (${facts.origins.join(", ")}).`,
      ),
    );
  }
  trace.push(step("websocket-origin", "pass", "websocket-inside-origins", "The websocket URL is inside the credential origins."));

  // 4. stability
  if (websocket.stability === "experimental" && !facts.allowExperimental) {
    return toHttp(
      step(
        "websocket-stability",
        "fail",
        "websocket-experimental",
        "The websocket capability is experimental and config does not set allowExperimental: true.",
      ),
    );
  }
  trace.push(
    websocket.stability === "experimental"
      ? step("websocket-stability", "pass", "websocket-experimental-allowed", "Experimental websocket allowed by config.")
      : step("websocket-stability", "pass", "websocket-stable", "The websocket capability is stable."),
  );

  // 5. a base URL moved to another origin takes the manifest's websocket with it
  if (facts.baseUrlOverride && websocket.urlSource === "manifest") {
    return toHttp(
      step(
        "base-url",
        "fail",
        "base-url-overridden",
        `The base URL was overridden (${facts.baseUrlOverride.source}) to ${facts.baseUrlOverride.origin}, which the manifest's websocket URL does not serve; set websocketUrl too to use websocket there.`,
      ),
    );
  }
  trace.push(step("base-url", "pass", "base-url-covered", "The websocket URL serves the effective base URL's provider."));

  // 6. health memory
  if (health.state !== "healthy") {
    const entry = health.entry;
    const data = { since: entry.since, until: entry.until, failures: entry.failures, lastFailure: entry.lastFailure };
    if (forced) {
      trace.push(
        step("health", "pass", "websocket-cooling-down-ignored", `Websocket is cooling down after ${entry.lastFailure.code}, but policy websocket forces an attempt.`, data),
      );
    } else if (health.state === "cooling-down") {
      return toHttp(
        step(
          "health",
          "fail",
          "websocket-cooling-down",
          `Websocket to ${entry.origin} failed ${entry.failures}× (last: ${entry.lastFailure.code}); cooling down until ${new Date(entry.until).toISOString()}.`,
          data,
        ),
      );
    } else if (health.state === "probe-in-flight") {
      return toHttp(step("health", "fail", "websocket-probe-in-flight", "A half-open websocket probe is under way; this request uses HTTP.", data));
    } else {
      trace.push(step("health", "pass", "half-open-probe", "The cool-down has ended: this request is the one half-open websocket attempt.", data));
      trace.push(step("decision", "decide", "websocket-selected", `Websocket at ${url}, HTTP as the fallback.`));
      return { ok: true, kind: "websocket", url, probe: true, fallback: "http", trace };
    }
  } else {
    trace.push(step("health", "pass", "websocket-healthy", "No websocket failure is remembered for this origin."));
  }

  // 7. websocket
  trace.push(
    step("decision", "decide", "websocket-selected", forced ? `Websocket at ${url}, no fallback (policy websocket).` : `Websocket at ${url}, HTTP as the fallback.`),
  );
  return { ok: true, kind: "websocket", url, probe: false, fallback: forced ? undefined : "http", trace };
}

function step(check: TraceStep["check"], outcome: TraceStep["outcome"], reason: SelectorReason, message: string, data?: Record<string, unknown>): TraceStep {
  return data ? { check, outcome, reason, message, data } : { check, outcome, reason, message };
}
