import type { Route, SelectorReason } from "@switchyard/core";

/** The reason that decided a route's transport: the failing check for HTTP, else the websocket decision. */
export function routeReason(route: Route): SelectorReason {
  if (route.transport.kind === "websocket") return route.transport.probe ? "half-open-probe" : "websocket-selected";
  const failed = route.trace.find((step) => step.outcome === "fail" || step.outcome === "decide");
  return (failed ?? route.trace[route.trace.length - 1])?.reason ?? "policy-auto";
}
