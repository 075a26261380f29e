/**
 * Turns a model plan into the Responses streaming events, in the order the real API sends them.
 * Events are produced lazily; the stream runner stamps `sequence_number` (and `stream_id`).
 */
import type { Item } from "./conversation.js";
import { chunkText, type ModelPlan, type ModelUsage } from "./scripted-model.js";

export type WireEvent = Record<string, unknown> & { type: string };

/** The request facts a response object echoes back. */
export interface ResponseContext {
  id: string;
  createdAt: number;
  model: string;
  body: Record<string, unknown>;
  /** Ids for the output item and tool call, chosen by the caller (counters). */
  itemId: string;
  callId: string;
}

export type ResponseStatus = "in_progress" | "completed" | "failed" | "incomplete";

/** The response object, shaped like the API's (fields the SDK reads are always present). */
export function responseObject(
  context: ResponseContext,
  status: ResponseStatus,
  output: Item[],
  usage: ModelUsage | null,
  error: { code: string; message: string } | null = null,
): Record<string, unknown> {
  const body = context.body;
  return {
    id: context.id,
    object: "response",
    created_at: context.createdAt,
    status,
    background: false,
    error,
    incomplete_details: null,
    instructions: body["instructions"] ?? null,
    max_output_tokens: body["max_output_tokens"] ?? null,
    max_tool_calls: null,
    model: context.model,
    output,
    parallel_tool_calls: body["parallel_tool_calls"] ?? true,
    previous_response_id: body["previous_response_id"] ?? null,
    reasoning: { effort: null, summary: null },
    service_tier: "default",
    store: body["store"] ?? true,
    temperature: body["temperature"] ?? 1,
    text: body["text"] ?? { format: { type: "text" } },
    tool_choice: body["tool_choice"] ?? "auto",
    tools: Array.isArray(body["tools"]) ? body["tools"] : [],
    top_p: body["top_p"] ?? 1,
    truncation: "disabled",
    usage,
    user: null,
    metadata: body["metadata"] ?? {},
  };
}

/** The output items a plan produces once complete. */
export function planOutput(context: ResponseContext, plan: ModelPlan): Item[] {
  switch (plan.kind) {
    case "text":
      return [
        {
          id: context.itemId,
          type: "message",
          status: "completed",
          role: "assistant",
          content: [{ type: "output_text", text: plan.text, annotations: [], logprobs: [] }],
        },
      ];
    case "function_call":
      return [
        {
          id: context.itemId,
          type: "function_call",
          status: "completed",
          arguments: plan.arguments,
          call_id: context.callId,
          name: plan.name,
        },
      ];
    case "none":
      return [];
  }
}

/** Every event of one successful response, lazily. */
export function* responseEvents(context: ResponseContext, plan: ModelPlan, usage: ModelUsage): Generator<WireEvent> {
  const started = responseObject(context, "in_progress", [], null);
  yield { type: "response.created", response: started };
  // A warm-up (generate: false) only hands out an id: created, then completed.
  if (plan.kind !== "none") yield { type: "response.in_progress", response: started };
  const output = planOutput(context, plan);
  const itemId = context.itemId;
  if (plan.kind === "text") {
    yield {
      type: "response.output_item.added",
      output_index: 0,
      item: { id: itemId, type: "message", status: "in_progress", role: "assistant", content: [] },
    };
    const emptyPart = { type: "output_text", text: "", annotations: [], logprobs: [] };
    yield { type: "response.content_part.added", item_id: itemId, output_index: 0, content_index: 0, part: emptyPart };
    for (const delta of chunkText(plan.text, plan.deltaSize)) {
      yield { type: "response.output_text.delta", item_id: itemId, output_index: 0, content_index: 0, delta, logprobs: [] };
    }
    yield { type: "response.output_text.done", item_id: itemId, output_index: 0, content_index: 0, text: plan.text, logprobs: [] };
    const part = { type: "output_text", text: plan.text, annotations: [], logprobs: [] };
    yield { type: "response.content_part.done", item_id: itemId, output_index: 0, content_index: 0, part };
    yield { type: "response.output_item.done", output_index: 0, item: output[0] };
  } else if (plan.kind === "function_call") {
    yield {
      type: "response.output_item.added",
      output_index: 0,
      item: { id: itemId, type: "function_call", status: "in_progress", arguments: "", call_id: context.callId, name: plan.name },
    };
    for (const delta of chunkText(plan.arguments, plan.deltaSize)) {
      yield { type: "response.function_call_arguments.delta", item_id: itemId, output_index: 0, delta };
    }
    yield { type: "response.function_call_arguments.done", item_id: itemId, output_index: 0, name: plan.name, arguments: plan.arguments };
    yield { type: "response.output_item.done", output_index: 0, item: output[0] };
  }
  yield { type: "response.completed", response: responseObject(context, "completed", output, usage) };
}
