/**
 * The Anthropic Messages dialect: `POST /anthropic/v1/messages` with an API key (`x-api-key`, or
 * a bearer token as @anthropic-ai/sdk 1.x sends it) and `anthropic-version`, streamed as named SSE events (message_start, content_block_*,
 * message_delta, message_stop, ping, error) or one message object. Same scripted model, faults
 * and stats (profile "anthropic"); errors use Anthropic's `{ type: "error", error: { type, message } }`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { hasBearer } from "./auth.js";
import type { Item } from "./conversation.js";
import { admitRequest, contentText, planTurn, sendJson, statusFault, streamDialect } from "./dialect-common.js";
import type { Engine } from "./engine.js";
import { profiles } from "./profiles.js";
import type { WireEvent } from "./response-events.js";
import { chunkText, type ModelPlan, type ModelUsage } from "./scripted-model.js";
import { sseFrame } from "./sse.js";
import { describeRequest } from "./stats.js";

const profile = "anthropic";

/** Anthropic's error type for an HTTP status. */
function errorType(status: number): string {
  if (status === 400) return "invalid_request_error";
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 413) return "request_too_large";
  if (status === 429) return "rate_limit_error";
  if (status === 529) return "overloaded_error";
  return "api_error";
}

function fail(res: ServerResponse, status: number, type: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { type: "error", error: { type, message } }, headers);
}

/** Messages (and the system prompt) → Responses items, so the scripted model sees the same conversation. */
export function anthropicItems(messages: unknown[]): Item[] {
  const items: Item[] = [];
  for (const entry of messages) {
    if (typeof entry !== "object" || entry === null) continue;
    const message = entry as Item;
    const role = message["role"] === "assistant" ? "assistant" : "user";
    const content = message["content"];
    if (typeof content === "string") {
      items.push(role === "user" ? { type: "message", role, content } : { type: "message", role, content: [{ type: "output_text", text: content }] });
      continue;
    }
    for (const block of Array.isArray(content) ? (content as Item[]) : []) {
      if (block["type"] === "text") {
        const text = String(block["text"] ?? "");
        items.push(role === "user" ? { type: "message", role, content: text } : { type: "message", role, content: [{ type: "output_text", text }] });
      } else if (block["type"] === "tool_use") {
        items.push({ type: "function_call", call_id: block["id"], name: block["name"], arguments: JSON.stringify(block["input"] ?? {}) });
      } else if (block["type"] === "tool_result") {
        items.push({ type: "function_call_output", call_id: block["tool_use_id"], output: contentText(block["content"]) });
      }
    }
  }
  return items;
}

function anthropicTools(tools: unknown): Item[] {
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool) => {
    const record = typeof tool === "object" && tool !== null ? (tool as Item) : {};
    return typeof record["name"] === "string" ? [{ type: "function", name: record["name"], parameters: record["input_schema"] }] : [];
  });
}

interface MessageContext {
  id: string;
  toolId: string;
  model: string;
}

function* events(context: MessageContext, plan: ModelPlan, usage: ModelUsage): Generator<WireEvent> {
  const stopReason = plan.kind === "function_call" ? "tool_use" : "end_turn";
  yield {
    type: "message_start",
    message: { id: context.id, type: "message", role: "assistant", model: context.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input_tokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 } },
  };
  if (plan.kind === "text") {
    yield { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } };
    yield { type: "ping" };
    for (const piece of chunkText(plan.text, plan.deltaSize)) yield { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: piece } };
    yield { type: "content_block_stop", index: 0 };
  } else if (plan.kind === "function_call") {
    yield { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: context.toolId, name: plan.name, input: {} } };
    yield { type: "ping" };
    for (const piece of chunkText(plan.arguments, plan.deltaSize)) yield { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: piece } };
    yield { type: "content_block_stop", index: 0 };
  }
  yield { type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } };
  yield { type: "message_stop" };
}

function messageObject(context: MessageContext, plan: ModelPlan, usage: ModelUsage): Item {
  const content =
    plan.kind === "text"
      ? [{ type: "text", text: plan.text }]
      : plan.kind === "function_call"
        ? [{ type: "tool_use", id: context.toolId, name: plan.name, input: JSON.parse(plan.arguments) as unknown }]
        : [];
  return {
    id: context.id,
    type: "message",
    role: "assistant",
    model: context.model,
    content,
    stop_reason: plan.kind === "function_call" ? "tool_use" : "end_turn",
    stop_sequence: null,
    usage: { input_tokens: usage.input_tokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: usage.output_tokens },
  };
}

/** The Messages API's 404 for any other path under its prefix (it has no Responses endpoints). */
export function anthropicNotFound(pathname: string): string {
  return JSON.stringify({ type: "error", error: { type: "not_found_error", message: `Not found: ${pathname}` } });
}

/** Serves `GET /anthropic/v1/models`: Anthropic's paginated list shape, behind the same key and version checks. */
export async function serveAnthropicModels(engine: Engine, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const key = req.headers["x-api-key"];
  const credentials = (typeof key === "string" && key.trim() !== "") || hasBearer(req.headers.authorization);
  engine.stats.logRequest(describeRequest(profile, "http", "/anthropic/v1/models", null, credentials));
  if (!credentials) return fail(res, 401, "authentication_error", "x-api-key header is required");
  if (typeof req.headers["anthropic-version"] !== "string") return fail(res, 400, "invalid_request_error", "anthropic-version: header is required");
  const data = profiles.anthropic.models.map((id) => ({ type: "model", id, display_name: id, created_at: "2025-01-01T00:00:00Z" }));
  sendJson(res, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
}

/** Serves `POST /anthropic/v1/messages`. */
export async function serveAnthropicMessages(engine: Engine, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // API keys come as x-api-key (the REST reference) or, from SDK 1.x on, as a bearer token.
  const key = req.headers["x-api-key"];
  const credentials = (typeof key === "string" && key.trim() !== "") || hasBearer(req.headers.authorization);
  const body = await admitRequest(engine, profile, req, res, { credentials, sendError: fail, itemsField: "messages" });
  if (!body) return;
  if (!credentials) return fail(res, 401, "authentication_error", "x-api-key header is required");
  if (typeof req.headers["anthropic-version"] !== "string") return fail(res, 400, "invalid_request_error", "anthropic-version: header is required");
  if (typeof body["model"] !== "string" || body["model"] === "") return fail(res, 400, "invalid_request_error", "model: Field required");
  const maxTokens = body["max_tokens"];
  if (typeof maxTokens !== "number" || !Number.isInteger(maxTokens) || maxTokens < 1) return fail(res, 400, "invalid_request_error", "max_tokens: Field required");
  const messages = body["messages"];
  if (!Array.isArray(messages) || messages.length === 0) return fail(res, 400, "invalid_request_error", "messages: at least one message is required");
  const injected = statusFault(engine, profile);
  if (injected) {
    const headers: Record<string, string> = injected.retryAfter === undefined ? {} : { "retry-after": String(injected.retryAfter) };
    return fail(res, injected.status, injected.code ?? errorType(injected.status), injected.message ?? `Injected HTTP ${injected.status}.`, headers);
  }
  const system = body["system"];
  const instructions = typeof system === "string" ? system : contentText(system) || undefined;
  const items = anthropicItems(messages);
  const { plan, usage } = planTurn(engine, instructions, items, anthropicTools(body["tools"]));
  const context: MessageContext = { id: engine.nextId("msg"), toolId: engine.nextId("toolu"), model: body["model"] };
  if (body["stream"] !== true) return sendJson(res, 200, messageObject(context, plan, usage));
  await streamDialect(engine, profile, res, events(context, plan, usage), sseFrame, {
    error: (code, message) => ({ type: "error", error: { type: code, message } }),
    failed: () => null,
  });
}
