/**
 * The deterministic model: the same conversation, tools and settings always give the same output.
 * No randomness and no clock in the content. It calls a tool when the latest user message names
 * it (or `tool_choice` demands one), answers a tool result by quoting it, and otherwise echoes the
 * user; structured formats get schema-valid JSON, `reasoning` a reasoning item, and
 * `max_output_tokens` cuts the answer.
 */
import { encodeCompaction } from "./compaction.js";
import { countTokens, findToolCall, itemPromptText, lastUserText, type Item } from "./conversation.js";
import { chooseTool, customToolInput, parseTools } from "./model-tools.js";
import { structuredOutput, toolArguments } from "./schema-values.js";

export interface ModelOptions {
  /** Fixed number of text deltas; the text is the answer repeated/trimmed to textDeltas × deltaSize. */
  textDeltas?: number;
  /** Characters (code points) per text delta and per arguments delta. Default 4. */
  deltaSize?: number;
}

/** A reasoning item before the answer: its summary (when asked for) and its encrypted form (when included). */
export interface ReasoningPlan {
  summary: string | null;
  encryptedContent: string | null;
}

export type ModelPlan = (
  | { kind: "text"; text: string; deltaSize: number }
  | { kind: "function_call"; name: string; arguments: string; deltaSize: number }
  | { kind: "custom_tool_call"; name: string; input: string; deltaSize: number }
  | { kind: "compaction"; encryptedContent: string }
  | { kind: "none" }
) & {
  reasoning?: ReasoningPlan;
  /** Set when max_output_tokens cut the answer: the response ends `incomplete`. */
  incomplete?: "max_output_tokens";
};

export interface ModelUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export const defaultDeltaSize = 4;

/**
 * What the user asked the tool about: the first run of proper nouns or numbers that does not open
 * a sentence ("… get_weather for Paris" → "Paris"), else the text without the tool's name.
 */
export function subjectOf(text: string, toolName: string): string {
  const rest = text.split(toolName).join(" ").replace(/\s+/g, " ").trim();
  const words = rest.split(" ");
  const run: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = (words[i] as string).replace(/[.,;:!?"')]+$/, "");
    const opensSentence = i === 0 || /[.!?]$/.test(words[i - 1] as string);
    const named = (/^\p{Lu}[\p{L}'-]*$/u.test(word) && !opensSentence) || /^\d+(?:[.,]\d+)?$/.test(word);
    if (named) run.push(word);
    else if (run.length > 0) break;
  }
  return (run.length > 0 ? run.join(" ") : rest).slice(0, 64) || toolName;
}

function fitToDeltas(base: string, options: Required<Pick<ModelOptions, "deltaSize">> & ModelOptions): string {
  if (options.textDeltas === undefined) return base;
  const target = options.textDeltas * options.deltaSize;
  const unit = Array.from(`${base} `);
  const chars: string[] = [];
  while (chars.length < target) chars.push(...unit.slice(0, target - chars.length));
  return chars.join("");
}

export interface ModelRequest {
  conversation: readonly Item[];
  tools: unknown;
  generate: boolean;
  options: ModelOptions;
  /** The request's `tool_choice`; "auto" when absent. */
  toolChoice?: unknown;
  /** The request's `text.format`. */
  textFormat?: unknown;
  /** The request's `reasoning` and `include`. */
  reasoning?: unknown;
  include?: unknown;
  maxOutputTokens?: number;
  /** The input ended with `compaction_trigger`: answer with one compaction item. */
  compact?: boolean;
}

function record(value: unknown): Item | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Item) : undefined;
}

/** The answer text for a turn with no tool call: JSON for a structured format, else the echo. */
function answerText(request: ModelRequest, base: string, subject: string, options: Required<Pick<ModelOptions, "deltaSize">> & ModelOptions): string {
  const format = record(request.textFormat);
  const hints = { subject, count: subject.split(/\s+/).filter(Boolean).length };
  if (format?.["type"] === "json_schema") return JSON.stringify(structuredOutput(format["schema"], hints));
  if (format?.["type"] === "json_object") return JSON.stringify({ answer: base });
  return fitToDeltas(base, options);
}

/** The main output of a turn, before reasoning and the output budget are applied. */
function planAnswer(request: ModelRequest, deltaSize: number): ModelPlan {
  const options = { ...request.options, deltaSize };
  const last = request.conversation[request.conversation.length - 1];
  if (last && (last["type"] === "function_call_output" || last["type"] === "custom_tool_call_output")) {
    const call = findToolCall(request.conversation, last["call_id"]);
    const name = typeof call?.["name"] === "string" ? call["name"] : "tool";
    const output = typeof last["output"] === "string" ? last["output"] : JSON.stringify(last["output"] ?? "");
    return { kind: "text", text: answerText(request, `The ${name} tool returned: ${output}`, output, options), deltaSize };
  }
  const userText = lastUserText(request.conversation);
  const tool = chooseTool(userText, parseTools(request.tools), request.toolChoice);
  if (tool) {
    const text = userText ?? "";
    const subject = subjectOf(text, tool.name);
    if (tool.kind === "custom") return { kind: "custom_tool_call", name: tool.name, input: customToolInput(tool, subject), deltaSize };
    const hints = { subject, count: Math.max(1, text.split(/\s+/).filter(Boolean).length) };
    return { kind: "function_call", name: tool.name, arguments: JSON.stringify(toolArguments(tool.parameters, hints)), deltaSize };
  }
  if (userText !== null) return { kind: "text", text: answerText(request, `You said: ${userText}`, userText, options), deltaSize };
  return { kind: "text", text: answerText(request, "Hello from the Switchyard emulator.", "Switchyard", options), deltaSize };
}

/** Reasoning for a turn: asked for by `reasoning.effort`/`summary`, unless the effort is "none". */
function planReasoning(request: ModelRequest, answer: ModelPlan): ReasoningPlan | undefined {
  const reasoning = record(request.reasoning);
  if (!reasoning || reasoning["effort"] === "none" || answer.kind === "none" || answer.kind === "compaction") return undefined;
  if (reasoning["effort"] === undefined && reasoning["summary"] === undefined) return undefined;
  const what = answer.kind === "text" ? "answer" : `call ${answer.name}`;
  const wantsSummary = typeof reasoning["summary"] === "string" && reasoning["summary"] !== "none";
  const include = Array.isArray(request.include) ? request.include : [];
  const summary = `**Planning the reply**\n\nThe user's latest message decides it: I will ${what}.`;
  return {
    summary: wantsSummary ? summary : null,
    encryptedContent: include.includes("reasoning.encrypted_content") ? Buffer.from(`emu_rs.${summary}`, "utf8").toString("base64") : null,
  };
}

/** Cuts the visible output to what is left of `max_output_tokens` after reasoning. */
function applyBudget(plan: ModelPlan, maxOutputTokens: number | undefined): ModelPlan {
  if (maxOutputTokens === undefined) return plan;
  const budget = maxOutputTokens - countTokens(plan.reasoning?.summary ?? "");
  const keep = (text: string): string => Array.from(text).slice(0, Math.max(0, budget) * 4).join("");
  if (plan.kind === "text" && countTokens(plan.text) > budget) return { ...plan, text: keep(plan.text), incomplete: "max_output_tokens" };
  if (plan.kind === "function_call" && countTokens(plan.name + plan.arguments) > budget) {
    return { ...plan, arguments: keep(plan.arguments), incomplete: "max_output_tokens" };
  }
  if (plan.kind === "custom_tool_call" && countTokens(plan.name + plan.input) > budget) {
    return { ...plan, input: keep(plan.input), incomplete: "max_output_tokens" };
  }
  return plan;
}

/** Decides what the model answers. Pure: no clock, no randomness. */
export function planResponse(request: ModelRequest): ModelPlan {
  if (!request.generate) return { kind: "none" };
  if (request.compact) return { kind: "compaction", encryptedContent: encodeCompaction(request.conversation) };
  const answer = planAnswer(request, request.options.deltaSize ?? defaultDeltaSize);
  const reasoning = planReasoning(request, answer);
  return applyBudget(reasoning ? { ...answer, reasoning } : answer, request.maxOutputTokens);
}

/** The visible text a plan produces, for token counts. */
export function planOutputText(plan: ModelPlan): string {
  switch (plan.kind) {
    case "text":
      return plan.text;
    case "function_call":
      return plan.name + plan.arguments;
    case "custom_tool_call":
      return plan.name + plan.input;
    case "compaction":
    case "none":
      return "";
  }
}

/**
 * Usage for a plan: tokens ≈ chars/4 over instructions + every conversation item; total = in + out.
 * `cachedTokens` is what a repeated `prompt_cache_key` found in the cache (the caller knows).
 */
export function planUsage(instructions: unknown, conversation: readonly Item[], plan: ModelPlan, cachedTokens = 0): ModelUsage {
  let promptText = typeof instructions === "string" ? instructions : "";
  for (const item of conversation) promptText += itemPromptText(item);
  const inputTokens = countTokens(promptText);
  const reasoningTokens = countTokens(plan.reasoning?.summary ?? "");
  const outputTokens = countTokens(planOutputText(plan)) + reasoningTokens;
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: Math.min(cachedTokens, inputTokens) },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: inputTokens + outputTokens,
  };
}

/** Splits text into deltas of `size` code points, lazily (benchmarks ask for 20,000+). */
export function* chunkText(text: string, size: number): Generator<string> {
  const chars = Array.from(text);
  for (let start = 0; start < chars.length; start += size) yield chars.slice(start, start + size).join("");
}
