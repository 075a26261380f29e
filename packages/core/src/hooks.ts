import { AsyncSeriesWaterfallHook, SyncHook, SyncWaterfallHook } from "tapable";
import type { TurnBody, UnifiedEvent } from "@switchyard/sdk";
import type { HealthEntry, HealthFailure } from "./health.js";
import type { Route } from "./route.js";

export interface RouteContext {
  ref: string;
}
export interface RequestContext {
  route: Route;
  turn: number;
}
export interface EventContext {
  route: Route;
  turn: number;
}
export interface TransportFailure {
  provider: string;
  transport: "websocket" | "http";
  origin: string;
  failure: HealthFailure;
  /** What happens next: fell back to HTTP, or the turn failed. */
  outcome: "fallback" | "error";
}
export interface HealthChange {
  key: string;
  provider: string;
  origin: string;
  from: HealthEntry["state"] | "healthy";
  to: HealthEntry["state"] | "healthy";
  entry: HealthEntry | undefined;
}
export interface ExtensionErrorInfo {
  extension: string;
  provider: string | undefined;
  hook: string;
  code: string;
  message: string;
}

/**
 * Every hook of the host, declared once and frozen (as webpack's Compiler does). The kind follows
 * how results combine: waterfall = transform, plain = observers. Every tap carries a name.
 */
export function createHostHooks() {
  return Object.freeze({
    /** Policy may adjust a route or veto it by throwing. */
    route: new SyncWaterfallHook<[Route, RouteContext]>(["route", "context"]),
    /** Transforms the request body after the provider's shapeRequest hook. */
    beforeRequest: new AsyncSeriesWaterfallHook<[TurnBody, RequestContext]>(["body", "context"]),
    /** Observes every unified event a session yields. */
    event: new SyncHook<[UnifiedEvent, EventContext]>(["event", "context"]),
    /** A transport failed (before or after fallback). */
    transportFailure: new SyncHook<[TransportFailure]>(["failure"]),
    /** A health entry opened, changed state or closed. */
    healthChange: new SyncHook<[HealthChange]>(["change"]),
    /** Extension code failed to load or one of its hooks threw. */
    extensionError: new SyncHook<[ExtensionErrorInfo]>(["error"]),
  });
}

export type HostHooks = ReturnType<typeof createHostHooks>;

const warned = new Set<string>();

/**
 * Runs observer taps (event, transportFailure, healthChange, extensionError). Observers must not
 * change what happens: a tap that throws is reported as a process warning (once per distinct
 * message, since an event tap runs per event) and the turn goes on.
 */
export function notify(call: () => void): void {
  try {
    call();
  } catch (error) {
    const message = `A Switchyard observer hook threw: ${error instanceof Error ? error.message : String(error)}`;
    if (warned.has(message) || warned.size >= 100) return;
    warned.add(message);
    process.emitWarning(message, { code: "SY_ERR_HOOK_OBSERVER_FAILED" });
  }
}
