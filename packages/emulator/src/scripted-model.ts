/**
 * The deterministic model: the same conversation, tools and settings always give the same output.
 * No randomness and no clock in the content. It calls a function tool when the latest user
 * message names it, answers a tool result by quoting it, and otherwise echoes the user.
 */
import { countTokens, findFunctionCall, itemPromptText, lastUserText, type Item } from "./conversation.js";

export interface ModelOptions {
  /** Fixed number of text deltas; the text is the answer repeated/trimmed to textDeltas × deltaSize. */
  textDeltas?: number;
  /** Characters (code points) per text delta and per arguments delta. Default 4. */
  deltaSize?: number;
}

export type ModelPlan =
  | { kind: "text"; text: string; deltaSize: number }
  | { kind: "function_call"; name: string; arguments: string; deltaSize: number }
  | { kind: "none" };

export interface ModelUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export const defaultDeltaSize = 4;

interface FunctionTool {
  name: string;
  parameters: Record<string, unknown> | undefined;
}

function functionTools(tools: unknown): FunctionTool[] {
  if (!Array.isArray(tools)) return [];
  const result: FunctionTool[] = [];
  for (const tool of tools) {
    if (typeof tool !== "object" || tool === null) continue;
    const record = tool as Item;
    if (record["type"] === "function" && typeof record["name"] === "string" && record["name"].length > 0) {
      const parameters = record["parameters"];
      result.push({ name: record["name"], parameters: typeof parameters === "object" && parameters !== null ? (parameters as Item) : undefined });
    }
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The tool the user named first (by position in the text), if any. */
function namedTool(text: string, tools: readonly FunctionTool[]): FunctionTool | undefined {
  let best: { tool: FunctionTool; at: number } | undefined;
  for (const tool of tools) {
    const match = new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(tool.name)}($|[^A-Za-z0-9_])`).exec(text);
    if (match && (best === undefined || match.index < best.at)) best = { tool, at: match.index };
  }
  return best?.tool;
}

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

/** A value for one JSON-schema property, derived from the user's words. */
function valueFor(schema: unknown, subject: string, wordCount: number): unknown {
  const record = typeof schema === "object" && schema !== null ? (schema as Item) : {};
  if (Array.isArray(record["enum"]) && record["enum"].length > 0) return record["enum"][0];
  const type = Array.isArray(record["type"]) ? record["type"][0] : record["type"];
  switch (type) {
    case "integer":
    case "number":
      return wordCount;
    case "boolean":
      return true;
    case "array":
      return [];
    case "object":
      return buildArguments(record, subject, wordCount);
    default:
      return subject;
  }
}

function buildArguments(schema: Item | undefined, subject: string, wordCount: number): Record<string, unknown> {
  const properties = schema?.["properties"];
  const result: Record<string, unknown> = {};
  if (typeof properties !== "object" || properties === null) return result;
  for (const [key, propertySchema] of Object.entries(properties as Item)) {
    result[key] = valueFor(propertySchema, subject, wordCount);
  }
  return result;
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
}

/** Decides what the model answers. Pure: no clock, no randomness. */
export function planResponse(request: ModelRequest): ModelPlan {
  if (!request.generate) return { kind: "none" };
  const deltaSize = request.options.deltaSize ?? defaultDeltaSize;
  const options = { ...request.options, deltaSize };
  const last = request.conversation[request.conversation.length - 1];
  if (last && last["type"] === "function_call_output") {
    const call = findFunctionCall(request.conversation, last["call_id"]);
    const name = typeof call?.["name"] === "string" ? call["name"] : "tool";
    const output = typeof last["output"] === "string" ? last["output"] : JSON.stringify(last["output"] ?? "");
    return { kind: "text", text: fitToDeltas(`The ${name} tool returned: ${output}`, options), deltaSize };
  }
  const userText = lastUserText(request.conversation);
  if (userText !== null) {
    const tool = namedTool(userText, functionTools(request.tools));
    if (tool) {
      const subject = subjectOf(userText, tool.name);
      const wordCount = userText.split(/\s+/).filter(Boolean).length;
      const args = JSON.stringify(buildArguments(tool.parameters, subject, wordCount));
      return { kind: "function_call", name: tool.name, arguments: args, deltaSize };
    }
    return { kind: "text", text: fitToDeltas(`You said: ${userText}`, options), deltaSize };
  }
  return { kind: "text", text: fitToDeltas("Hello from the Switchyard emulator.", options), deltaSize };
}

/** Usage for a plan: tokens ≈ chars/4 over instructions + every conversation item; total = in + out. */
export function planUsage(instructions: unknown, conversation: readonly Item[], plan: ModelPlan): ModelUsage {
  let promptText = typeof instructions === "string" ? instructions : "";
  for (const item of conversation) promptText += itemPromptText(item);
  const inputTokens = countTokens(promptText);
  const outputText = plan.kind === "text" ? plan.text : plan.kind === "function_call" ? plan.name + plan.arguments : "";
  const outputTokens = countTokens(outputText);
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: inputTokens + outputTokens,
  };
}

/** Splits text into deltas of `size` code points, lazily (benchmarks ask for 20,000+). */
export function* chunkText(text: string, size: number): Generator<string> {
  const chars = Array.from(text);
  for (let start = 0; start < chars.length; start += size) yield chars.slice(start, start + size).join("");
}
