import type { Terminal, TransportKind, UnifiedEvent, Usage } from "@switchyard/sdk";
import { count, object, optionalText, text, type Json } from "./json-fields.js";

export type { Terminal } from "@switchyard/sdk";

export interface EventMapper {
  /**
   * Maps one parsed Responses streaming event to its unified event, or undefined when it has none
   * (unknown events, reasoning, hosted tools, annotations…). Never throws; after a terminal event,
   * `terminal` says how the stream ended.
   */
  map(frame: Record<string, unknown>): UnifiedEvent | undefined;
  /** Set by the first terminal event: response.completed / incomplete / failed, or an `error` event. */
  readonly terminal: Terminal | undefined;
  /** The response id from response.created (or the terminal event), when seen. */
  readonly responseId: string | undefined;
}

/** Maps the Responses `usage` object; undefined when the server sent none. */
export function mapUsage(value: unknown): Usage | undefined {
  const usage = object(value);
  if (!usage) return undefined;
  const mapped: Usage = {
    inputTokens: count(usage.input_tokens),
    outputTokens: count(usage.output_tokens),
    totalTokens: count(usage.total_tokens),
  };
  const cached = object(usage.input_tokens_details)?.cached_tokens;
  if (typeof cached === "number") mapped.cachedInputTokens = cached;
  const reasoning = object(usage.output_tokens_details)?.reasoning_tokens;
  if (typeof reasoning === "number") mapped.reasoningTokens = reasoning;
  return mapped;
}

/**
 * Creates the pure Responses-event → unified-event mapper both transports share. `input` is
 * reported on response-start: whether the request carried only new items after
 * previous_response_id ("continuation") or the whole conversation ("full").
 */
/** A finished reasoning item: its summary text, and the encrypted content a stateless turn must carry. */
function reasoningEnd(item: Json): UnifiedEvent {
  const parts = Array.isArray(item.summary) ? item.summary : [];
  const summary = parts.map((part) => text(object(part)?.text)).join("\n");
  return { type: "reasoning-end", itemId: text(item.id), summary, encryptedContent: optionalText(item.encrypted_content) };
}

export function createEventMapper(options: { transport: TransportKind; input: "continuation" | "full" }): EventMapper {
  let terminal: Terminal | undefined;
  let responseId: string | undefined;

  function end(response: Json | undefined, status: "completed" | "incomplete"): UnifiedEvent {
    terminal = { kind: "response-end", status };
    responseId = optionalText(response?.id) ?? responseId;
    const event: UnifiedEvent = {
      type: "response-end",
      responseId: responseId ?? "",
      status,
      usage: mapUsage(response?.usage),
    };
    if (status === "incomplete") {
      const reason = optionalText(object(response?.incomplete_details)?.reason);
      if (reason !== undefined) event.incompleteReason = reason;
    }
    return event;
  }

  function map(frame: Json): UnifiedEvent | undefined {
    if (terminal !== undefined) return undefined;
    switch (frame.type) {
      case "response.output_text.delta":
        return { type: "text-delta", itemId: text(frame.item_id), delta: text(frame.delta) };
      case "response.function_call_arguments.delta":
        return { type: "tool-call-delta", itemId: text(frame.item_id), delta: text(frame.delta) };
      case "response.output_text.done":
        return { type: "text-end", itemId: text(frame.item_id), text: text(frame.text) };
      case "response.output_item.added": {
        const item = object(frame.item);
        if (item?.type !== "function_call") return undefined;
        return { type: "tool-call-start", itemId: text(item.id), callId: text(item.call_id), name: text(item.name) };
      }
      case "response.output_item.done": {
        const item = object(frame.item);
        if (item?.type === "reasoning") return reasoningEnd(item);
        if (item?.type !== "function_call") return undefined;
        return {
          type: "tool-call-end",
          itemId: text(item.id),
          callId: text(item.call_id),
          name: text(item.name),
          arguments: text(item.arguments),
        };
      }
      case "response.created": {
        const response = object(frame.response);
        responseId = optionalText(response?.id) ?? responseId;
        return {
          type: "response-start",
          responseId: responseId ?? "",
          model: text(response?.model),
          transport: options.transport,
          input: options.input,
        };
      }
      case "response.completed":
        return end(object(frame.response), "completed");
      case "response.incomplete":
        return end(object(frame.response), "incomplete");
      case "response.failed": {
        const response = object(frame.response);
        responseId = optionalText(response?.id) ?? responseId;
        const error = object(response?.error);
        const code = optionalText(error?.code);
        const message = optionalText(error?.message);
        terminal = { kind: "response-failed", code, message };
        return {
          type: "response-end",
          responseId: responseId ?? "",
          status: "failed",
          usage: mapUsage(response?.usage),
          error: { code: code ?? "response_failed", message: message ?? "" },
        };
      }
      case "error": {
        // WebSocket mode nests the payload ({ status, error: { code, message } }); SSE puts it at the top level.
        const nested = object(frame.error);
        const source = nested ?? frame;
        terminal = {
          kind: "server-error",
          code: optionalText(source.code) ?? (nested ? optionalText(nested.type) : undefined),
          message: optionalText(source.message),
          status: typeof frame.status === "number" ? frame.status : undefined,
        };
        return undefined;
      }
      default:
        return undefined;
    }
  }

  return {
    map,
    get terminal() {
      return terminal;
    },
    get responseId() {
      return responseId;
    },
  };
}
