import type { FrameDecoder, Terminal, TransportKind, UnifiedEvent, Usage } from "@switchyard/sdk";
import { count, object, optionalText, text, type Json } from "../json-fields.js";

/** Anthropic usage → Usage: input counts cached reads and cache writes, as the bill does. */
function mapAnthropicUsage(input: Json | undefined, outputTokens: number): Usage {
  const cacheRead = count(input?.cache_read_input_tokens);
  const inputTokens = count(input?.input_tokens) + cacheRead + count(input?.cache_creation_input_tokens);
  const usage: Usage = { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
  if (typeof input?.cache_read_input_tokens === "number") usage.cachedInputTokens = cacheRead;
  return usage;
}

/** stop_reason → status: max_tokens, refusal and pause_turn end a response early. */
function stopStatus(reason: string | undefined): { status: "completed" | "incomplete"; incompleteReason?: string } {
  if (reason === "max_tokens") return { status: "incomplete", incompleteReason: "max_output_tokens" };
  if (reason === "refusal") return { status: "incomplete", incompleteReason: "content_filter" };
  if (reason === "pause_turn") return { status: "incomplete", incompleteReason: "pause_turn" };
  return { status: "completed" };
}

interface BlockState {
  type: string;
  itemId: string;
  callId: string;
  name: string;
  value: string;
  signature: string;
}

/** message_start … content blocks … message_delta, message_stop; an `error` event ends the stream as a server error. */
export function createAnthropicDecoder(options: { transport: TransportKind; input: "continuation" | "full" }): FrameDecoder {
  let terminal: Terminal | undefined;
  let responseId: string | undefined;
  let inputUsage: Json | undefined;
  let outputTokens = 0;
  let stopReason: string | undefined;
  const blocks = new Map<number, BlockState>();

  function blockStart(frame: Json, out: UnifiedEvent[]): void {
    const block = object(frame.content_block) ?? {};
    const index = count(frame.index);
    const state: BlockState = {
      type: text(block.type),
      itemId: optionalText(block.id) ?? `${responseId ?? "msg"}:${index}`,
      callId: text(block.id),
      name: text(block.name),
      value: block.type === "text" ? text(block.text) : block.type === "thinking" ? text(block.thinking) : "",
      signature: text(block.signature),
    };
    blocks.set(index, state);
    if (state.type === "tool_use") out.push({ type: "tool-call-start", itemId: state.itemId, callId: state.callId, name: state.name });
    else if (state.type === "text" && state.value !== "") out.push({ type: "text-delta", itemId: state.itemId, delta: state.value });
  }

  function blockDelta(frame: Json, out: UnifiedEvent[]): void {
    const state = blocks.get(count(frame.index));
    const delta = object(frame.delta);
    if (!state || !delta) return;
    if (delta.type === "text_delta") {
      const piece = text(delta.text);
      state.value += piece;
      out.push({ type: "text-delta", itemId: state.itemId, delta: piece });
    } else if (delta.type === "input_json_delta") {
      const piece = text(delta.partial_json);
      state.value += piece;
      if (piece !== "") out.push({ type: "tool-call-delta", itemId: state.itemId, delta: piece });
    } else if (delta.type === "thinking_delta") state.value += text(delta.thinking);
    else if (delta.type === "signature_delta") state.signature += text(delta.signature);
  }

  function blockStop(frame: Json, out: UnifiedEvent[]): void {
    const state = blocks.get(count(frame.index));
    if (!state) return;
    if (state.type === "text") out.push({ type: "text-end", itemId: state.itemId, text: state.value });
    else if (state.type === "tool_use") {
      out.push({ type: "tool-call-end", itemId: state.itemId, callId: state.callId, name: state.name, arguments: state.value || "{}" });
    } else if (state.type === "thinking") {
      out.push({ type: "reasoning-end", itemId: state.itemId, summary: state.value, encryptedContent: optionalText(state.signature) });
    }
  }

  return {
    decode(frame, out) {
      if (terminal !== undefined) return;
      switch (frame.type) {
        case "message_start": {
          const message = object(frame.message);
          responseId = optionalText(message?.id) ?? "msg";
          inputUsage = object(message?.usage);
          outputTokens = count(inputUsage?.output_tokens);
          out.push({ type: "response-start", responseId, model: text(message?.model), transport: options.transport, input: options.input });
          return;
        }
        case "content_block_start":
          return blockStart(frame, out);
        case "content_block_delta":
          return blockDelta(frame, out);
        case "content_block_stop":
          return blockStop(frame, out);
        case "message_delta": {
          stopReason = optionalText(object(frame.delta)?.stop_reason) ?? stopReason;
          const usage = object(frame.usage);
          if (usage?.output_tokens !== undefined) outputTokens = count(usage.output_tokens);
          // Newer servers repeat the input counts here; the later figure is the final one.
          if (usage?.input_tokens !== undefined) inputUsage = { ...inputUsage, ...usage };
          return;
        }
        case "message_stop": {
          const { status, incompleteReason } = stopStatus(stopReason);
          terminal = { kind: "response-end", status };
          const event: UnifiedEvent = { type: "response-end", responseId: responseId ?? "", status, usage: mapAnthropicUsage(inputUsage, outputTokens) };
          if (incompleteReason !== undefined) event.incompleteReason = incompleteReason;
          out.push(event);
          return;
        }
        case "error": {
          const error = object(frame.error);
          terminal = { kind: "server-error", code: optionalText(error?.type), message: optionalText(error?.message), status: undefined };
          return;
        }
        default:
          return; // ping and event types added later
      }
    },
    get terminal() {
      return terminal;
    },
    get responseId() {
      return responseId;
    },
  };
}
