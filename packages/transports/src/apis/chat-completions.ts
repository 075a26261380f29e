import type { ConversationItem, FrameDecoder, Terminal, TransportKind, UnifiedEvent, Usage, WireApi, WireTurn } from "@switchyard/sdk";
import { count, object, optionalText, text, type Json } from "../json-fields.js";
import { messageRole, messageText, portableFields } from "./message-text.js";

type ChatMessage = Record<string, unknown>;

/** A user/system message's content: a string, or parts when it carries images. */
function chatContent(item: ConversationItem): unknown {
  const content = (item as { content?: unknown }).content;
  if (!Array.isArray(content) || content.every((part) => object(part)?.type !== "input_image")) return messageText(item);
  return content.map((part) => {
    const record = object(part) ?? {};
    if (record.type === "input_image") return { type: "image_url", image_url: { url: text(record.image_url) } };
    return { type: "text", text: text(record.text) };
  });
}

/**
 * Conversation items → Chat Completions messages. Function calls join the assistant message
 * before them (one message may carry text and several tool_calls); outputs become `tool`
 * messages. Reasoning items have no Chat Completions form and are left out.
 */
export function toChatMessages(instructions: string | undefined, items: readonly ConversationItem[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (instructions !== undefined && instructions !== "") messages.push({ role: "system", content: instructions });
  let assistant: ChatMessage | undefined;
  for (const item of items) {
    const role = messageRole(item);
    if (role === "assistant") {
      assistant = { role: "assistant", content: messageText(item) };
      messages.push(assistant);
    } else if (role !== undefined) {
      assistant = undefined;
      // Most Chat Completions servers know only system; OpenAI treats it as developer.
      messages.push({ role: role === "user" ? "user" : "system", content: chatContent(item) });
    } else if (item.type === "function_call") {
      if (!assistant) {
        assistant = { role: "assistant", content: null };
        messages.push(assistant);
      }
      const calls = (assistant.tool_calls ??= []) as unknown[];
      calls.push({ id: text(item.call_id), type: "function", function: { name: text(item.name), arguments: text(item.arguments) || "{}" } });
    } else if (item.type === "function_call_output") {
      assistant = undefined;
      const output = (item as { output?: unknown }).output;
      messages.push({ role: "tool", tool_call_id: text(item.call_id), content: typeof output === "string" ? output : JSON.stringify(output) });
    }
  }
  return messages;
}

function toolChoice(choice: unknown): unknown {
  const record = object(choice);
  if (record?.type === "function" && typeof record.name === "string") return { type: "function", function: { name: record.name } };
  return choice;
}

function encode(turn: WireTurn): Record<string, unknown> {
  const { body } = turn;
  const request: Record<string, unknown> = {
    ...portableFields(body),
    model: body.model,
    messages: toChatMessages(body.instructions, turn.items),
    stream: true,
    stream_options: { include_usage: true },
  };
  if (body.tools && body.tools.length > 0) {
    request.tools = body.tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
        ...(tool.strict === undefined ? {} : { strict: tool.strict }),
      },
    }));
  }
  if (body.tool_choice !== undefined) request.tool_choice = toolChoice(body.tool_choice);
  if (body.parallel_tool_calls !== undefined) request.parallel_tool_calls = body.parallel_tool_calls;
  // max_tokens is what compatible servers read; OpenAI's reasoning models want max_completion_tokens,
  // which a session can pass in its body as written.
  if (typeof body.max_output_tokens === "number") request.max_tokens = body.max_output_tokens;
  const effort = object(body.reasoning)?.effort;
  if (typeof effort === "string") request.reasoning_effort = effort;
  return request;
}

/** Chat Completions `usage` → Usage. */
export function mapChatUsage(value: unknown): Usage | undefined {
  const usage = object(value);
  if (!usage) return undefined;
  const mapped: Usage = {
    inputTokens: count(usage.prompt_tokens),
    outputTokens: count(usage.completion_tokens),
    totalTokens: count(usage.total_tokens) || count(usage.prompt_tokens) + count(usage.completion_tokens),
  };
  const cached = object(usage.prompt_tokens_details)?.cached_tokens;
  if (typeof cached === "number") mapped.cachedInputTokens = cached;
  const reasoning = object(usage.completion_tokens_details)?.reasoning_tokens;
  if (typeof reasoning === "number") mapped.reasoningTokens = reasoning;
  return mapped;
}

interface ToolCallState {
  itemId: string;
  callId: string;
  name: string;
  arguments: string;
  started: boolean;
}

/** finish_reason → status and incomplete reason (length and content_filter end a response early). */
function finishStatus(reason: string): { status: "completed" | "incomplete"; incompleteReason?: string } {
  if (reason === "length") return { status: "incomplete", incompleteReason: "max_output_tokens" };
  if (reason === "content_filter") return { status: "incomplete", incompleteReason: "content_filter" };
  return { status: "completed" };
}

/**
 * Chunks → unified events. Tool-call deltas are matched by `index` (only the first carries id and
 * name); `finish_reason` closes text and tool calls; the response ends at the usage chunk that
 * `include_usage` adds, or when the body ends after a finish_reason (`[DONE]`).
 */
function createDecoder(options: { transport: TransportKind; input: "continuation" | "full" }): FrameDecoder {
  let terminal: Terminal | undefined;
  let responseId: string | undefined;
  let finish: string | undefined;
  let usage: Usage | undefined;
  let textValue: string | undefined;
  // DeepSeek, vLLM and llama.cpp stream their chain of thought as reasoning_content (or reasoning).
  let reasoning: string | undefined;
  const calls = new Map<number, ToolCallState>();

  const itemId = (suffix: string): string => `${responseId ?? "chatcmpl"}:${suffix}`;

  function start(frame: Json, out: UnifiedEvent[]): void {
    responseId = optionalText(frame.id) ?? "chatcmpl";
    out.push({ type: "response-start", responseId, model: text(frame.model), transport: options.transport, input: options.input });
  }

  function toolDeltas(deltas: unknown[], out: UnifiedEvent[]): void {
    for (const entry of deltas) {
      const delta = object(entry);
      if (!delta) continue;
      const index = typeof delta.index === "number" ? delta.index : calls.size;
      const fn = object(delta.function);
      let call = calls.get(index);
      if (!call) {
        call = { itemId: itemId(`tool-${index}`), callId: text(delta.id), name: "", arguments: "", started: false };
        calls.set(index, call);
      }
      if (call.callId === "" && typeof delta.id === "string") call.callId = delta.id;
      if (typeof fn?.name === "string") call.name += fn.name;
      if (!call.started && call.name !== "") {
        call.started = true;
        out.push({ type: "tool-call-start", itemId: call.itemId, callId: call.callId, name: call.name });
      }
      const args = text(fn?.arguments);
      if (args !== "") {
        call.arguments += args;
        if (call.started) out.push({ type: "tool-call-delta", itemId: call.itemId, delta: args });
      }
    }
  }

  function close(out: UnifiedEvent[]): void {
    if (reasoning !== undefined) out.push({ type: "reasoning-end", itemId: itemId("reasoning"), summary: reasoning, encryptedContent: undefined });
    if (textValue !== undefined) out.push({ type: "text-end", itemId: itemId("text"), text: textValue });
    for (const call of calls.values()) {
      if (!call.started) out.push({ type: "tool-call-start", itemId: call.itemId, callId: call.callId, name: call.name });
      out.push({ type: "tool-call-end", itemId: call.itemId, callId: call.callId, name: call.name, arguments: call.arguments || "{}" });
    }
  }

  function end(out: UnifiedEvent[]): void {
    const { status, incompleteReason } = finishStatus(finish ?? "stop");
    terminal = { kind: "response-end", status };
    const event: UnifiedEvent = { type: "response-end", responseId: responseId ?? "", status, usage };
    if (incompleteReason !== undefined) event.incompleteReason = incompleteReason;
    out.push(event);
  }

  return {
    decode(frame, out) {
      if (terminal !== undefined) return;
      const error = object(frame.error);
      if (error) {
        terminal = { kind: "server-error", code: optionalText(error.code) ?? optionalText(error.type), message: optionalText(error.message), status: undefined };
        return;
      }
      if (responseId === undefined) start(frame, out);
      if (frame.usage !== undefined && frame.usage !== null) usage = mapChatUsage(frame.usage);
      const choice = object(Array.isArray(frame.choices) ? frame.choices[0] : undefined);
      const delta = object(choice?.delta);
      const thought = typeof delta?.reasoning_content === "string" ? delta.reasoning_content : delta?.reasoning;
      if (typeof thought === "string" && thought !== "") reasoning = (reasoning ?? "") + thought;
      const content = delta?.content;
      if (typeof content === "string" && content !== "") {
        textValue = (textValue ?? "") + content;
        out.push({ type: "text-delta", itemId: itemId("text"), delta: content });
      }
      if (Array.isArray(delta?.tool_calls)) toolDeltas(delta.tool_calls, out);
      const reason = optionalText(choice?.finish_reason);
      if (reason !== undefined && finish === undefined) {
        finish = reason;
        close(out);
      }
      // include_usage sends usage in a last chunk with no choices, after the finish_reason.
      if (finish !== undefined && usage !== undefined) end(out);
    },
    end(out) {
      if (terminal === undefined && finish !== undefined) end(out);
    },
    get terminal() {
      return terminal;
    },
    get responseId() {
      return responseId;
    },
  };
}

/** OpenAI Chat Completions over HTTP SSE, as OpenAI and the compatible servers speak it. */
export const chatCompletionsApi: WireApi = Object.freeze({
  id: "openai-chat-completions",
  framing: { http: "sse" } as const,
  encode,
  createDecoder,
});
