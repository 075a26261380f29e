import type { FrameDecoder, Terminal, TransportKind, UnifiedEvent, Usage } from "@switchyard/sdk";
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

/** A finished reasoning item: its summary text, and the encrypted content a stateless turn must carry. */
function reasoningEnd(item: Json): UnifiedEvent {
  const parts = Array.isArray(item.summary) ? item.summary : [];
  const summary = parts.map((part) => text(object(part)?.text)).join("\n");
  return { type: "reasoning-end", itemId: text(item.id), summary, encryptedContent: optionalText(item.encrypted_content) };
}

/**
 * Creates the pure Responses-event → unified-event mapper both transports share. `input` is
 * reported on response-start: whether the request carried only new items after
 * previous_response_id ("continuation") or the whole conversation ("full").
 */
export function createEventMapper(options: { transport: TransportKind; input: "continuation" | "full" }): EventMapper {
  return new ResponsesEventMapper(options);
}

/**
 * The mapper as a class with plain fields: the transports read `terminal` after every frame, and
 * a field read costs less than a getter chain on the hot path. It is also the Responses codec's
 * FrameDecoder (`decode`).
 */
class ResponsesEventMapper implements EventMapper, FrameDecoder {
  terminal: Terminal | undefined = undefined;
  responseId: string | undefined = undefined;

  constructor(private readonly options: { transport: TransportKind; input: "continuation" | "full" }) {}

  decode(frame: Record<string, unknown>, out: UnifiedEvent[]): void {
    // Text deltas are nearly every frame of a long answer: they skip map()'s dispatch (~1.5 % of
    // a 20,000-delta stream's client time). The event is map()'s, field for field.
    if (frame.type === "response.output_text.delta" && this.terminal === undefined) {
      out.push({ type: "text-delta", itemId: text(frame.item_id), delta: text(frame.delta) });
      return;
    }
    const event = this.map(frame);
    if (event !== undefined) out.push(event);
  }

  private finish(response: Json | undefined, status: "completed" | "incomplete"): UnifiedEvent {
    this.terminal = { kind: "response-end", status };
    this.responseId = optionalText(response?.id) ?? this.responseId;
    const event: UnifiedEvent = {
      type: "response-end",
      responseId: this.responseId ?? "",
      status,
      usage: mapUsage(response?.usage),
    };
    if (status === "incomplete") {
      const reason = optionalText(object(response?.incomplete_details)?.reason);
      if (reason !== undefined) event.incompleteReason = reason;
    }
    return event;
  }

  map(frame: Json): UnifiedEvent | undefined {
    if (this.terminal !== undefined) return undefined;
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
        this.responseId = optionalText(response?.id) ?? this.responseId;
        return {
          type: "response-start",
          responseId: this.responseId ?? "",
          model: text(response?.model),
          transport: this.options.transport,
          input: this.options.input,
        };
      }
      case "response.completed":
        return this.finish(object(frame.response), "completed");
      case "response.incomplete":
        return this.finish(object(frame.response), "incomplete");
      case "response.failed": {
        const response = object(frame.response);
        this.responseId = optionalText(response?.id) ?? this.responseId;
        const error = object(response?.error);
        const code = optionalText(error?.code);
        const message = optionalText(error?.message);
        this.terminal = { kind: "response-failed", code, message };
        return {
          type: "response-end",
          responseId: this.responseId ?? "",
          status: "failed",
          usage: mapUsage(response?.usage),
          error: { code: code ?? "response_failed", message: message ?? "" },
        };
      }
      case "error": {
        // WebSocket mode nests the payload ({ status, error: { code, message } }); SSE puts it at the top level.
        const nested = object(frame.error);
        const source = nested ?? frame;
        this.terminal = {
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
}
