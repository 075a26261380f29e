import type { FrameDecoder, Terminal, TransportKind, UnifiedEvent, Usage } from "@switchyard/sdk";
import { count, object, optionalText, text, type Json } from "../json-fields.js";

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
export function createChatDecoder(options: { transport: TransportKind; input: "continuation" | "full" }): FrameDecoder {
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
