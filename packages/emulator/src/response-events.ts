/**
 * Turns a model plan into the Responses streaming events, in the order the real API sends them.
 * Events are produced lazily; the stream runner stamps `sequence_number` (and `stream_id`).
 */
import type { Item } from "./conversation.js";
import { chunkText, defaultDeltaSize, type ModelPlan, type ModelUsage } from "./scripted-model.js";

export type WireEvent = Record<string, unknown> & { type: string };

/** The request facts a response object echoes back. */
export interface ResponseContext {
  id: string;
  createdAt: number;
  model: string;
  body: Record<string, unknown>;
  /** Ids for the output item, tool call and reasoning item, chosen by the caller (counters). */
  itemId: string;
  callId: string;
  reasoningId: string;
}

export type ResponseStatus = "in_progress" | "completed" | "failed" | "incomplete";

/** The response object, shaped like the API's (fields the SDK reads are always present). */
export function responseObject(
  context: ResponseContext,
  status: ResponseStatus,
  output: Item[],
  usage: ModelUsage | null,
  error: { code: string; message: string } | null = null,
  incomplete: ModelPlan["incomplete"] = undefined,
): Record<string, unknown> {
  const body = context.body;
  const reasoning = typeof body["reasoning"] === "object" && body["reasoning"] !== null ? (body["reasoning"] as Item) : {};
  return {
    id: context.id,
    object: "response",
    created_at: context.createdAt,
    status,
    background: false,
    error,
    incomplete_details: incomplete ? { reason: incomplete } : null,
    instructions: body["instructions"] ?? null,
    max_output_tokens: body["max_output_tokens"] ?? null,
    max_tool_calls: null,
    model: context.model,
    output,
    parallel_tool_calls: body["parallel_tool_calls"] ?? true,
    previous_response_id: body["previous_response_id"] ?? null,
    reasoning: { effort: reasoning["effort"] ?? null, summary: reasoning["summary"] ?? null },
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

function reasoningItem(context: ResponseContext, plan: ModelPlan): Item | null {
  if (!plan.reasoning) return null;
  const summary = plan.reasoning.summary === null ? [] : [{ type: "summary_text", text: plan.reasoning.summary }];
  const item: Item = { id: context.reasoningId, type: "reasoning", summary };
  if (plan.reasoning.encryptedContent !== null) item["encrypted_content"] = plan.reasoning.encryptedContent;
  return item;
}

function mainItem(context: ResponseContext, plan: ModelPlan): Item | null {
  const status = plan.incomplete ? "incomplete" : "completed";
  switch (plan.kind) {
    case "text":
      return {
        id: context.itemId,
        type: "message",
        status,
        role: "assistant",
        content: [{ type: "output_text", text: plan.text, annotations: [], logprobs: [] }],
      };
    case "function_call":
      return { id: context.itemId, type: "function_call", status, arguments: plan.arguments, call_id: context.callId, name: plan.name };
    case "custom_tool_call":
      return { id: context.itemId, type: "custom_tool_call", status, call_id: context.callId, name: plan.name, input: plan.input };
    case "compaction":
      return { id: context.itemId, type: "compaction", encrypted_content: plan.encryptedContent };
    case "none":
      return null;
  }
}

/** The output items a plan produces once complete: reasoning first, then the answer. */
export function planOutput(context: ResponseContext, plan: ModelPlan): Item[] {
  return [reasoningItem(context, plan), mainItem(context, plan)].filter((item): item is Item => item !== null);
}

function* reasoningEvents(item: Item, index: number, plan: ModelPlan): Generator<WireEvent> {
  const summary = plan.reasoning?.summary ?? null;
  yield { type: "response.output_item.added", output_index: index, item: { ...item, summary: [] } };
  if (summary !== null) {
    const ids = { item_id: item["id"], output_index: index, summary_index: 0 };
    yield { type: "response.reasoning_summary_part.added", ...ids, part: { type: "summary_text", text: "" } };
    for (const delta of chunkText(summary, defaultDeltaSize * 4)) yield { type: "response.reasoning_summary_text.delta", ...ids, delta };
    yield { type: "response.reasoning_summary_text.done", ...ids, text: summary };
    yield { type: "response.reasoning_summary_part.done", ...ids, part: { type: "summary_text", text: summary } };
  }
  yield { type: "response.output_item.done", output_index: index, item };
}

function* mainEvents(item: Item, index: number, plan: ModelPlan): Generator<WireEvent> {
  const itemId = item["id"];
  if (plan.kind === "text") {
    yield { type: "response.output_item.added", output_index: index, item: { ...item, status: "in_progress", content: [] } };
    const ids = { item_id: itemId, output_index: index, content_index: 0 };
    const emptyPart = { type: "output_text", text: "", annotations: [], logprobs: [] };
    yield { type: "response.content_part.added", ...ids, part: emptyPart };
    for (const delta of chunkText(plan.text, plan.deltaSize)) yield { type: "response.output_text.delta", ...ids, delta, logprobs: [] };
    yield { type: "response.output_text.done", ...ids, text: plan.text, logprobs: [] };
    yield { type: "response.content_part.done", ...ids, part: { type: "output_text", text: plan.text, annotations: [], logprobs: [] } };
  } else if (plan.kind === "function_call") {
    yield { type: "response.output_item.added", output_index: index, item: { ...item, status: "in_progress", arguments: "" } };
    for (const delta of chunkText(plan.arguments, plan.deltaSize)) {
      yield { type: "response.function_call_arguments.delta", item_id: itemId, output_index: index, delta };
    }
    yield { type: "response.function_call_arguments.done", item_id: itemId, output_index: index, name: plan.name, arguments: plan.arguments };
  } else if (plan.kind === "custom_tool_call") {
    yield { type: "response.output_item.added", output_index: index, item: { ...item, status: "in_progress", input: "" } };
    for (const delta of chunkText(plan.input, plan.deltaSize)) {
      yield { type: "response.custom_tool_call_input.delta", item_id: itemId, output_index: index, delta };
    }
    yield { type: "response.custom_tool_call_input.done", item_id: itemId, output_index: index, input: plan.input };
  } else {
    yield { type: "response.output_item.added", output_index: index, item };
  }
  yield { type: "response.output_item.done", output_index: index, item };
}

/** Every event of one successful (or max_output_tokens-cut) response, lazily. */
export function* responseEvents(context: ResponseContext, plan: ModelPlan, usage: ModelUsage): Generator<WireEvent> {
  const started = responseObject(context, "in_progress", [], null);
  yield { type: "response.created", response: started };
  // A warm-up (generate: false) only hands out an id: created, then completed.
  if (plan.kind !== "none") yield { type: "response.in_progress", response: started };
  const output = planOutput(context, plan);
  for (const [index, item] of output.entries()) {
    if (item["type"] === "reasoning") yield* reasoningEvents(item, index, plan);
    else yield* mainEvents(item, index, plan);
  }
  if (plan.incomplete) {
    yield { type: "response.incomplete", response: responseObject(context, "incomplete", output, usage, null, plan.incomplete) };
  } else yield { type: "response.completed", response: responseObject(context, "completed", output, usage) };
}
