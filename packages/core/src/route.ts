import type { TransportKind } from "@switchyard/sdk";
import type { TraceStep, TransportPolicy } from "./selector.js";

/** The answer to `host.resolve()`: where a request for this ref goes, how, and why. No secrets. */
export interface Route {
  ref: string;
  provider: string;
  extension: string;
  model: string;
  api: string;
  baseUrl: string;
  baseUrlSource: "manifest" | "config" | "env";
  /** The only origins this route's credentials may reach. */
  origins: readonly string[];
  policy: TransportPolicy;
  transport: {
    kind: TransportKind;
    url: string;
    /** Headers as sent, secret values replaced by where they come from. */
    headers: Record<string, string>;
    /** Where a websocket failure before the first event goes (policy auto only). */
    fallback: { kind: "http"; url: string } | undefined;
    /** True when this request is the one half-open attempt after a cool-down. */
    probe: boolean;
  };
  trace: TraceStep[];
  /** Set when the ref was a route alias: each candidate in order and what became of it. */
  alias?: { name: string; candidates: RouteCandidate[] };
}

/** One candidate of a route alias as `host.resolve()` explains it. */
export interface RouteCandidate {
  ref: string;
  /** selected: this route; unavailable: it did not resolve (code says why); standby: after the selected one. */
  outcome: "selected" | "unavailable" | "standby";
  code?: string;
  message?: string;
}
