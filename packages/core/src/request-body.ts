import { hasBasePrompt, type FunctionTool, type TurnBody, type TransportKind } from "@switchyard/sdk";
import { hookFailed, requestRuleViolated } from "./errors.js";
import type { ExtensionCode } from "./extension-code.js";
import type { HostHooks } from "./hooks.js";
import type { RoutePlan } from "./resolver.js";

export interface BodyOptions {
  instructions: string | undefined;
  tools: readonly FunctionTool[] | undefined;
  /** Extra create parameters (temperature, metadata, …) passed through as written. */
  extra: Readonly<Record<string, unknown>> | undefined;
  /** The turn's signal: hooks stop waiting when it aborts. */
  signal?: AbortSignal | undefined;
}

/**
 * The create body for one turn, in order: the session's settings (store defaults to false: the
 * session holds the conversation), the provider's shapeRequest hook, the host's beforeRequest
 * hook, then the manifest's declared request rules, which have the last word.
 */
export function buildRequestBody(
  plan: RoutePlan,
  transport: TransportKind,
  turn: number,
  options: BodyOptions,
  code: ExtensionCode,
  hooks: HostHooks,
): TurnBody | Promise<TurnBody> {
  const { route } = plan;
  const body: TurnBody = { store: false, ...options.extra, model: route.model };
  if (options.instructions !== undefined) body.instructions = options.instructions;
  if (options.tools && options.tools.length > 0) body.tools = [...options.tools];
  // Without a shapeRequest hook or a beforeRequest tap the body is ready now: no await per turn.
  if (!plan.hooks.shapeRequest && !hooks.beforeRequest.isUsed()) return applyRules(plan, body);
  return shapedBody(plan, transport, turn, body, options, code, hooks);
}

async function shapedBody(plan: RoutePlan, transport: TransportKind, turn: number, start: TurnBody, options: BodyOptions, code: ExtensionCode, hooks: HostHooks): Promise<TurnBody> {
  const { route } = plan;
  let body = start;
  const shape = plan.hooks.shapeRequest;
  if (shape) {
    const context = { extensionId: route.extension, providerId: route.provider, transport };
    body = await code.call(route.extension, route.provider, "shapeRequest", (signal) => shape(body, { ...context, signal }), { signal: options.signal });
  }
  if (hooks.beforeRequest.isUsed()) {
    try {
      body = await hooks.beforeRequest.promise(body, { route, turn });
    } catch (error) {
      throw hookFailed("beforeRequest", route.ref, code.scrub(error instanceof Error ? error.message : String(error)));
    }
  }
  return applyRules(plan, body);
}

/** The manifest's declared request rules, which have the last word. @throws SY_ERR_REQUEST_RULE_VIOLATED */
function applyRules(plan: RoutePlan, body: TurnBody): TurnBody {
  const { route, record } = plan;
  const rules = record.manifest.request;
  if (rules?.store !== undefined) body.store = rules.store;
  for (const required of rules?.requires ?? []) {
    // "instructions" is the base prompt: top-level, or a leading developer message as Codex CLI sends it.
    if (required === "instructions" ? !hasBasePrompt(body) : typeof body[required] !== "string" || (body[required] as string).trim() === "") {
      throw requestRuleViolated(route.provider, route.ref, required);
    }
  }
  return body;
}
