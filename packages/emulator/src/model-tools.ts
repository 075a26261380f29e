/**
 * Which tool the scripted model calls: function and custom (freeform) tools from the request,
 * chosen by `tool_choice` ("auto": the tool the user names; "required": that one or the first;
 * "none": never; a named tool; `allowed_tools`), and the freeform input a custom tool gets.
 */
import type { Item } from "./conversation.js";

export interface ToolSpec {
  kind: "function" | "custom";
  name: string;
  /** Function tools: the JSON schema of the arguments. */
  parameters: Item | undefined;
  /** Custom tools: `{ type: "text" }` or `{ type: "grammar", syntax, definition }`. */
  format: Item | undefined;
}

function record(value: unknown): Item | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Item) : undefined;
}

/** The callable tools of a request; hosted tools (web_search, …) are not the model's to call here. */
export function parseTools(tools: unknown): ToolSpec[] {
  if (!Array.isArray(tools)) return [];
  const result: ToolSpec[] = [];
  for (const entry of tools) {
    const tool = record(entry);
    const kind = tool?.["type"];
    if (!tool || (kind !== "function" && kind !== "custom")) continue;
    if (typeof tool["name"] !== "string" || tool["name"].length === 0) continue;
    result.push({ kind, name: tool["name"], parameters: record(tool["parameters"]), format: record(tool["format"]) });
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The tool the user named first (by position in the text), if any. */
function namedTool(text: string, tools: readonly ToolSpec[]): ToolSpec | undefined {
  let best: { tool: ToolSpec; at: number } | undefined;
  for (const tool of tools) {
    const match = new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(tool.name)}($|[^A-Za-z0-9_])`).exec(text);
    if (match && (best === undefined || match.index < best.at)) best = { tool, at: match.index };
  }
  return best?.tool;
}

/** The tool to call for this turn, or undefined for a text answer. */
export function chooseTool(userText: string | null, tools: readonly ToolSpec[], toolChoice: unknown): ToolSpec | undefined {
  if (toolChoice === "none" || tools.length === 0) return undefined;
  const choice = record(toolChoice);
  if (choice && (choice["type"] === "function" || choice["type"] === "custom") && typeof choice["name"] === "string") {
    return tools.find((tool) => tool.name === choice["name"]);
  }
  let allowed = tools;
  let required = toolChoice === "required";
  if (choice && choice["type"] === "allowed_tools" && Array.isArray(choice["tools"])) {
    const names = new Set(choice["tools"].map((entry) => record(entry)?.["name"]));
    allowed = tools.filter((tool) => names.has(tool.name));
    required = choice["mode"] === "required";
  }
  const named = userText === null ? undefined : namedTool(userText, allowed);
  return named ?? (required ? allowed[0] : undefined);
}

/**
 * Freeform input for a custom tool: a minimal patch when its grammar is a patch language (as
 * Codex's `apply_patch` is), else the user's subject as plain text.
 */
export function customToolInput(tool: ToolSpec, subject: string): string {
  const definition = tool.format?.["definition"];
  if (typeof definition === "string" && definition.includes("*** Begin Patch")) {
    const name = subject.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase() || "notes";
    return `*** Begin Patch\n*** Add File: ${name}.txt\n+${subject}\n*** End Patch\n`;
  }
  return subject;
}
