import type { HealthMemory } from "./health-memory.js";
import type { RoutePlan } from "./resolver.js";

/**
 * The one place a turn's outcome reaches health memory: a websocket that delivered its first
 * event, a fallback-worthy websocket failure, and a turn that ended without a verdict (abort,
 * request error, close), which frees a claimed half-open probe.
 */
export class HealthOutcomes {
  constructor(private readonly memory: HealthMemory) {}

  /** The first websocket event arrived: a probe succeeded, or a forced attempt proved it healthy. */
  websocketWorked(plan: RoutePlan): void {
    if (plan.probe) plan.probe.succeed();
    else if (plan.route.policy === "websocket" && plan.healthKey) this.memory.clear(plan.healthKey);
  }

  /** A fallback-worthy websocket failure: opens (or doubles) the cool-down. Returns when it was recorded. */
  websocketFailed(plan: RoutePlan, origin: string, failure: { code: string; message: string }): number {
    const { settings } = plan.record;
    const entry = this.memory.fail({
      provider: plan.route.provider,
      origin,
      failure,
      cooldownMs: settings.cooldownMs,
      maxCooldownMs: settings.maxCooldownMs,
      probe: plan.probe,
    });
    return entry.lastFailure.at;
  }

  /** The turn is over: a probe that got no verdict frees its slot. */
  settle(plan: RoutePlan | undefined): void {
    plan?.probe?.release();
  }
}
