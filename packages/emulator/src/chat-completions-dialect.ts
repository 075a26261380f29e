/**
 * The Chat Completions dialect: `POST /v1/chat/completions`, streamed as `data:` chunks ending in
 * `data: [DONE]` (usage in a last, choice-less chunk when `stream_options.include_usage`), or one
 * JSON object. Same scripted model, faults and stats (profile "openai") as the Responses endpoints.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { apiError } from "./api-error.js";
import { hasBearer } from "./auth.js";
import type { Item } from "./conversation.js";
import { admitRequest, contentText, planTurn, sendJson, statusFault, streamDialect } from "./dialect-common.js";
import type { Engine } from "./engine.js";
import { sendError } from "./http-handler.js";
import { missingAuth } from "./token-check.js";
import type { WireEvent } from "./response-events.js";
import { chunkText, type ModelPlan, type ModelUsage } from "./scripted-model.js";

const profile = "openai";

function fail(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}, param: string | null = null): void {
  sendError(res, apiError(status, code, message, param), undefined, headers);
}

/** Chat messages → Responses items, so the scripted model sees the same conversation on every dialect. */
export function chatItems(messages: unknown[]): { instructions: string | undefined; items: Item[] } {
  const items: Item[] = [];
  const system: string[] = [];
  for (const entry of messages) {
    if (typeof entry !== "object" || entry === null) continue;
    const message = entry as Item;
    const role = message["role"];
    if (role === "system" || role === "developer") system.push(contentText(message["content"]));
    else if (role === "user") items.push({ type: "message", role: "user", content: contentText(message["content"]) });
    else if (role === "assistant") {
      const text = contentText(message["content"]);
      if (text !== "") items.push({ type: "message", role: "assistant", content: [{ type: "output_text", text }] });
      for (const call of Array.isArray(message["tool_calls"]) ? (message["tool_calls"] as Item[]) : []) {
        const fn = (call["function"] ?? {}) as Item;
        items.push({ type: "function_call", call_id: call["id"], name: fn["name"], arguments: fn["arguments"] });
      }
    } else if (role === "tool") {
      items.push({ type: "function_call_output", call_id: message["tool_call_id"], output: contentText(message["content"]) });
    }
  }
  return { instructions: system.length > 0 ? system.join("\n\n") : undefined, items };
}

/** Chat tools → the Responses function tools the model reads. */
function chatTools(tools: unknown): Item[] {
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool) => {
    const fn = typeof tool === "object" && tool !== null ? ((tool as Item)["function"] as Item | undefined) : undefined;
    return fn && typeof fn["name"] === "string" ? [{ type: "function", name: fn["name"], parameters: fn["parameters"] }] : [];
  });
}

function chatUsage(usage: ModelUsage): Item {
  return {
    prompt_tokens: usage.input_tokens,
    completion_tokens: usage.output_tokens,
    total_tokens: usage.total_tokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
}

interface ChatContext {
  id: string;
  callId: string;
  model: string;
  created: number;
  includeUsage: boolean;
}

function* chunks(context: ChatContext, plan: ModelPlan, usage: ModelUsage): Generator<WireEvent> {
  const base = { id: context.id, object: "chat.completion.chunk", created: context.created, model: context.model };
  const chunk = (delta: Item, finish: string | null = null): WireEvent => ({ ...base, type: "chunk", choices: [{ index: 0, delta, finish_reason: finish }] });
  yield chunk({ role: "assistant", content: plan.kind === "function_call" ? null : "" });
  if (plan.kind === "text") {
    for (const piece of chunkText(plan.text, plan.deltaSize)) yield chunk({ content: piece });
  } else if (plan.kind === "function_call") {
    yield chunk({ tool_calls: [{ index: 0, id: context.callId, type: "function", function: { name: plan.name, arguments: "" } }] });
    for (const piece of chunkText(plan.arguments, plan.deltaSize)) yield chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] });
  }
  yield chunk({}, plan.kind === "function_call" ? "tool_calls" : "stop");
  if (context.includeUsage) yield { ...base, type: "chunk", choices: [], usage: chatUsage(usage) };
}

function completion(context: ChatContext, plan: ModelPlan, usage: ModelUsage): Item {
  const message: Item = { role: "assistant", content: plan.kind === "text" ? plan.text : null, refusal: null };
  if (plan.kind === "function_call") {
    message["tool_calls"] = [{ id: context.callId, type: "function", function: { name: plan.name, arguments: plan.arguments } }];
  }
  return {
    id: context.id,
    object: "chat.completion",
    created: context.created,
    model: context.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.kind === "function_call" ? "tool_calls" : "stop" }],
    usage: chatUsage(usage),
  };
}

/** Serves `POST /v1/chat/completions`. */
export async function serveChatCompletions(engine: Engine, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const credentials = hasBearer(req.headers.authorization);
  const body = await admitRequest(engine, profile, req, res, { credentials, sendError: fail, itemsField: "messages" });
  if (!body) return;
  if (!credentials) return sendError(res, missingAuth());
  if (typeof body["model"] !== "string" || body["model"] === "") return fail(res, 400, "missing_required_parameter", "you must provide a model parameter", {}, "model");
  const messages = body["messages"];
  if (!Array.isArray(messages) || messages.length === 0) {
    return fail(res, 400, "invalid_value", "Invalid 'messages': expected a non-empty array of messages.", {}, "messages");
  }
  const injected = statusFault(engine, profile);
  if (injected) {
    const headers: Record<string, string> = injected.retryAfter === undefined ? {} : { "retry-after": String(injected.retryAfter) };
    return fail(res, injected.status, injected.code ?? (injected.status === 429 ? "rate_limit_exceeded" : "server_error"), injected.message ?? `Injected HTTP ${injected.status}.`, headers);
  }
  const { instructions, items } = chatItems(messages);
  const { plan, usage } = planTurn(engine, instructions, items, chatTools(body["tools"]));
  const options = body["stream_options"];
  const context: ChatContext = {
    id: engine.nextId("chatcmpl"),
    callId: engine.nextId("call"),
    model: body["model"],
    created: Math.floor(Date.now() / 1000),
    includeUsage: typeof options === "object" && options !== null && (options as Item)["include_usage"] === true,
  };
  if (body["stream"] !== true) return sendJson(res, 200, completion(context, plan, usage));
  const format = (event: WireEvent): string => {
    const { type: _type, ...chunk } = event;
    return `data: ${JSON.stringify(chunk)}\n\n`;
  };
  await streamDialect(engine, profile, res, chunks(context, plan, usage), format, {
    // Mid-stream, the API sends the error as a data chunk and ends the body without [DONE].
    error: (code, message) => ({ type: "error", error: { message, type: "server_error", param: null, code } }),
    failed: () => null,
  }, "data: [DONE]\n\n");
}
