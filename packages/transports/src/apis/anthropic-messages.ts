import type { ConversationItem, WireApi, WireTurn } from "@switchyard/sdk";
import { object, text } from "../json-fields.js";
import { createAnthropicDecoder } from "./anthropic-decoder.js";
import { messageRole, messageText } from "./message-text.js";
import { portableFields } from "./portable-fields.js";

/** Anthropic requires max_tokens; this is what a turn asks for when the session sets none. */
export const DEFAULT_MAX_TOKENS = 4096;

/** Thinking budgets for a Responses-style `reasoning.effort` (the budgets pi-ai uses). */
const THINKING_BUDGETS: Readonly<Record<string, number>> = { minimal: 1024, low: 2048, medium: 8192, high: 16384 };

type Block = Record<string, unknown>;
interface AnthropicMessage {
  role: "user" | "assistant";
  content: Block[];
}

function parseArguments(value: string): unknown {
  try {
    const parsed: unknown = JSON.parse(value || "{}");
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/** An image part (`input_image` with a URL or a base64 data URL) as an Anthropic image block. */
function imageBlock(url: string): Block {
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return data ? { type: "image", source: { type: "base64", media_type: data[1], data: data[2] } } : { type: "image", source: { type: "url", url } };
}

/** A user message's blocks: its text, and its images in place. */
function userBlocks(item: ConversationItem): Block[] {
  const content = (item as { content?: unknown }).content;
  if (!Array.isArray(content) || content.every((part) => object(part)?.type !== "input_image")) return [{ type: "text", text: messageText(item) }];
  return content.flatMap((part): Block[] => {
    const record = object(part) ?? {};
    if (record.type === "input_image") return [imageBlock(text(record.image_url))];
    const value = text(record.text);
    return value === "" ? [] : [{ type: "text", text: value }];
  });
}

/**
 * Conversation items → `system` and Messages. System and developer messages join the system
 * prompt; consecutive blocks of one role share a message (tool results go back as user content);
 * reasoning with a signature becomes a thinking block, which Anthropic needs in tool loops.
 */
export function toAnthropicMessages(instructions: string | undefined, items: readonly ConversationItem[]): { system: string; messages: AnthropicMessage[] } {
  const system: string[] = instructions ? [instructions] : [];
  const messages: AnthropicMessage[] = [];
  const push = (role: AnthropicMessage["role"], block: Block): void => {
    const last = messages[messages.length - 1];
    if (last && last.role === role) last.content.push(block);
    else messages.push({ role, content: [block] });
  };
  for (const item of items) {
    const role = messageRole(item);
    if (role === "system" || role === "developer") system.push(messageText(item));
    else if (role === "user") for (const block of userBlocks(item)) push("user", block);
    else if (role === "assistant") push("assistant", { type: "text", text: messageText(item) });
    else if (item.type === "function_call") {
      push("assistant", { type: "tool_use", id: text(item.call_id), name: text(item.name), input: parseArguments(text(item.arguments)) });
    } else if (item.type === "function_call_output") {
      const output = (item as { output?: unknown }).output;
      push("user", { type: "tool_result", tool_use_id: text(item.call_id), content: typeof output === "string" ? output : JSON.stringify(output) });
    } else if (item.type === "reasoning" && typeof item.encrypted_content === "string") {
      const summary = Array.isArray(item.summary) ? item.summary.map((part) => text(object(part)?.text)).join("\n") : "";
      push("assistant", { type: "thinking", thinking: summary, signature: item.encrypted_content });
    }
  }
  return { system: system.filter((part) => part !== "").join("\n\n"), messages };
}

/** Responses tool_choice → Anthropic's ("required" is "any"; a named function is a named tool). */
function toolChoice(choice: unknown, parallel: unknown): unknown {
  const named = object(choice);
  let mapped: Record<string, unknown> | undefined;
  if (choice === "auto") mapped = { type: "auto" };
  else if (choice === "required") mapped = { type: "any" };
  else if (choice === "none") mapped = { type: "none" };
  else if (named?.type === "function" && typeof named.name === "string") mapped = { type: "tool", name: named.name };
  if (parallel === false) mapped = { ...(mapped ?? { type: "auto" }), disable_parallel_tool_use: true };
  return mapped;
}

function encode(turn: WireTurn): Record<string, unknown> {
  const { body } = turn;
  const { system, messages } = toAnthropicMessages(body.instructions, turn.items);
  const maxTokens = typeof body.max_output_tokens === "number" ? body.max_output_tokens : body.max_tokens;
  const request: Record<string, unknown> = {
    ...portableFields(body),
    model: body.model,
    max_tokens: typeof maxTokens === "number" ? maxTokens : DEFAULT_MAX_TOKENS,
    messages,
    stream: true,
  };
  if (system !== "") request.system = system;
  // reasoning.effort becomes extended thinking, unless the caller set `thinking` itself; the
  // budget counts against max_tokens, so the answer keeps its own room.
  const budget = THINKING_BUDGETS[text(object(body.reasoning)?.effort)];
  if (budget !== undefined && body.thinking === undefined) {
    request.thinking = { type: "enabled", budget_tokens: budget };
    if ((request.max_tokens as number) <= budget) request.max_tokens = budget + DEFAULT_MAX_TOKENS;
  }
  if (body.tools && body.tools.length > 0) {
    request.tools = body.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      input_schema: tool.parameters,
    }));
  }
  const choice = toolChoice(body.tool_choice, body.parallel_tool_calls);
  if (choice !== undefined) request.tool_choice = choice;
  return request;
}

/** The Anthropic Messages API over HTTP SSE. Auth (x-api-key) and anthropic-version come from the manifest. */
export const anthropicMessagesApi: WireApi = Object.freeze({
  id: "anthropic-messages",
  framing: { http: "sse" } as const,
  encode,
  createDecoder: createAnthropicDecoder,
});
