import type { UnifiedEvent, Usage } from "@switchyard/sdk";

/** A Responses API streaming event as sent to clients: its type and its JSON text. */
export interface WireEvent {
  type: string;
  json: string;
}

/** The request facts the response object echoes back. */
export interface ResponseEcho {
  model: string;
  instructions: string | undefined;
  tools: readonly unknown[];
  previousResponseId: string | undefined;
  body: Readonly<Record<string, unknown>>;
}

type OutputItem = Record<string, unknown> & { id: string; type: string };
/** An item being streamed; `prefix` is the start of its delta events' JSON after the sequence number. */
type OpenItem = { index: number; text: string; prefix: string };

/**
 * Turns the host's unified events back into the Responses API's streaming events, in the order
 * the real API sends them (output_item.added, content_part.added, deltas, done events), with
 * sequence numbers and a final response object the official SDKs accumulate into `output_text`.
 */
export class ResponseBuilder {
  private sequence = 0;
  private readonly output: OutputItem[] = [];
  private readonly open = new Map<string, OpenItem>();
  private id = "";
  private createdAt = Math.floor(Date.now() / 1000);
  private status: "in_progress" | "completed" | "incomplete" | "failed" = "in_progress";
  private usage: Record<string, unknown> | null = null;
  private incomplete: { reason: string } | null = null;
  private error: { code: string; message: string } | null = null;

  constructor(private readonly echo: ResponseEcho) {}

  get responseId(): string {
    return this.id;
  }

  get finished(): boolean {
    return this.status !== "in_progress";
  }

  /** The wire events for one unified event (none for gateway notices such as transport-fallback). */
  add(event: UnifiedEvent): WireEvent[] {
    switch (event.type) {
      case "response-start":
        this.id = event.responseId;
        return [this.wire("response.created", { response: this.response() }), this.wire("response.in_progress", { response: this.response() })];
      case "text-delta": {
        const events: WireEvent[] = [];
        let open = this.open.get(event.itemId);
        if (!open) {
          open = this.startItem({ id: event.itemId, type: "message", status: "in_progress", role: "assistant", content: [] }, events);
          const part = { type: "output_text", text: "", annotations: [] };
          events.push(this.wire("response.content_part.added", { item_id: event.itemId, output_index: open.index, content_index: 0, part }));
        }
        open.text += event.delta;
        events.push(this.delta("response.output_text.delta", open, event.delta, ',"content_index":0', ',"logprobs":[]'));
        return events;
      }
      case "text-end": {
        const events: WireEvent[] = [];
        const open = this.open.get(event.itemId) ?? this.startItem({ id: event.itemId, type: "message", status: "in_progress", role: "assistant", content: [] }, events);
        const part = { type: "output_text", text: event.text, annotations: [] };
        const at = { item_id: event.itemId, output_index: open.index, content_index: 0 };
        events.push(this.wire("response.output_text.done", { ...at, text: event.text, logprobs: [] }), this.wire("response.content_part.done", { ...at, part }));
        const item = { id: event.itemId, type: "message", status: "completed", role: "assistant", content: [part] };
        return [...events, this.finishItem(event.itemId, open.index, item)];
      }
      case "reasoning-end": {
        const events: WireEvent[] = [];
        const summary = event.summary === "" ? [] : [{ type: "summary_text", text: event.summary }];
        const item: OutputItem = { id: event.itemId, type: "reasoning", summary };
        if (event.encryptedContent !== undefined) item["encrypted_content"] = event.encryptedContent;
        const open = this.startItem({ ...item, summary: [] }, events);
        return [...events, this.finishItem(event.itemId, open.index, item)];
      }
      case "tool-call-start": {
        const events: WireEvent[] = [];
        this.startItem({ id: event.itemId, type: "function_call", status: "in_progress", arguments: "", call_id: event.callId, name: event.name }, events);
        return events;
      }
      case "tool-call-delta": {
        const open = this.open.get(event.itemId);
        if (!open) return [];
        open.text += event.delta;
        return [this.delta("response.function_call_arguments.delta", open, event.delta, "", "")];
      }
      case "tool-call-end": {
        const events: WireEvent[] = [];
        const item = { id: event.itemId, type: "function_call", status: "completed", arguments: event.arguments, call_id: event.callId, name: event.name };
        const open = this.open.get(event.itemId) ?? this.startItem({ ...item, status: "in_progress", arguments: "" }, events);
        events.push(this.wire("response.function_call_arguments.done", { item_id: event.itemId, output_index: open.index, name: event.name, arguments: event.arguments }));
        return [...events, this.finishItem(event.itemId, open.index, item)];
      }
      case "response-end": {
        this.id = event.responseId || this.id;
        this.status = event.status;
        this.usage = event.usage ? wireUsage(event.usage) : null;
        if (event.incompleteReason) this.incomplete = { reason: event.incompleteReason };
        if (event.error) this.error = event.error;
        return [this.wire(`response.${event.status}`, { response: this.response() })];
      }
      default:
        return [];
    }
  }

  /** The `error` event for a failure after the stream began (the API's shape). */
  errorEvent(code: string, message: string): WireEvent {
    return this.wire("error", { code, message, param: null });
  }

  /** The response object as it stands (complete after response-end). */
  response(): Record<string, unknown> {
    const { body } = this.echo;
    return {
      ...pick(body, ["temperature", "top_p", "max_output_tokens", "metadata", "text", "tool_choice", "parallel_tool_calls", "reasoning", "truncation"]),
      id: this.id,
      object: "response",
      created_at: this.createdAt,
      status: this.status,
      error: this.error,
      incomplete_details: this.incomplete,
      instructions: this.echo.instructions ?? null,
      model: this.echo.model,
      output: this.output.map((item) => ({ ...item })),
      parallel_tool_calls: body["parallel_tool_calls"] ?? true,
      previous_response_id: this.echo.previousResponseId ?? null,
      store: false,
      tool_choice: body["tool_choice"] ?? "auto",
      tools: [...this.echo.tools],
      usage: this.usage,
      metadata: body["metadata"] ?? {},
    };
  }

  private startItem(item: OutputItem, events: WireEvent[]): OpenItem {
    const index = this.output.length;
    const open = { index, text: "", prefix: `,"item_id":${JSON.stringify(item.id)},"output_index":${index}` };
    this.output.push(item);
    this.open.set(item.id, open);
    events.push(this.wire("response.output_item.added", { output_index: open.index, item: { ...item } }));
    return open;
  }

  private finishItem(id: string, index: number, item: OutputItem): WireEvent {
    this.output[index] = item;
    this.open.delete(id);
    return this.wire("response.output_item.done", { output_index: index, item });
  }

  private wire(type: string, fields: Record<string, unknown>): WireEvent {
    return { type, json: JSON.stringify({ type, sequence_number: this.sequence++, ...fields }) };
  }

  /** A delta event, written by hand: it is most of a stream, and this skips an object and a generic stringify. */
  private delta(type: string, open: OpenItem, delta: string, before: string, after: string): WireEvent {
    return { type, json: `{"type":"${type}","sequence_number":${this.sequence++}${open.prefix}${before},"delta":${JSON.stringify(delta)}${after}}` };
  }
}

function wireUsage(usage: Usage): Record<string, unknown> {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.totalTokens,
  };
}

function pick(body: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of keys) if (body[key] !== undefined) result[key] = body[key];
  return result;
}
