import type { HealthMemory } from "./health-memory.js";
import type { RoutePlan } from "./resolver.js";

/**
 * The one place a turn's outcome reaches health memory: a websocket that delivered its first
 * event, a fallback-worthy websocket failure, and a turn that ended without a verdict (abort,
 * request error, close), which frees a claimed half-open probe. The store may be shared (Redis),
 * so writes are asynchronous; they never reject.
 */
export class HealthOutcomes {
  constructor(private readonly memory: HealthMemory) {}

  /** The first websocket event arrived: a probe succeeded, or a forced attempt proved it healthy. */
  websocketWorked(plan: RoutePlan): void {
    // Not awaited: the first event should not wait for a store round trip.
    if (plan.probe) void plan.probe.succeed();
    else if (plan.route.policy === "websocket" && plan.healthKey) void this.memory.clear(plan.healthKey);
  }

  /** A fallback-worthy websocket failure: opens (or doubles) the cool-down. Resolves to when it was recorded. */
  async websocketFailed(plan: RoutePlan, origin: string, failure: { code: string; message: string }): Promise<number> {
    const { settings } = plan.record;
    const entry = await this.memory.fail({
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
  async settle(plan: RoutePlan | undefined): Promise<void> {
    await plan?.probe?.release();
  }
}
