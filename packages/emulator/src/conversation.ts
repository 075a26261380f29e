/**
 * Responses API input items as the scripted model sees them. Input may be a string or an item
 * list; unknown item types are kept (and ignored by the model) because the API keeps growing.
 */
export type Item = Record<string, unknown>;

/** The create body's `input` as an item list: a string becomes one user message. */
export function normalizeInput(input: unknown): Item[] {
  if (input === undefined || input === null) return [];
  if (typeof input === "string") {
    return [{ type: "message", role: "user", content: [{ type: "input_text", text: input }] }];
  }
  if (!Array.isArray(input)) return [];
  return input.filter((item): item is Item => typeof item === "object" && item !== null && !Array.isArray(item));
}

/** Text of a message item: string content, or its input_text / output_text / text parts joined. */
export function messageText(item: Item): string {
  const content = item["content"];
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part === "object" && part !== null && typeof (part as Item)["text"] === "string") {
      texts.push((part as Item)["text"] as string);
    }
  }
  return texts.join("\n");
}

function isMessage(item: Item): boolean {
  // Easy input messages may omit `type`; a role is enough to recognise them.
  return (item["type"] === "message" || item["type"] === undefined) && typeof item["role"] === "string";
}

/** The text of the latest user message, or null when there is none. */
export function lastUserText(items: readonly Item[]): string | null {
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index];
    if (item && isMessage(item) && item["role"] === "user") return messageText(item);
  }
  return null;
}

/** The `function_call` or `custom_tool_call` item with this call id, searched from the end. */
export function findToolCall(items: readonly Item[], callId: unknown): Item | undefined {
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index];
    const isCall = item?.["type"] === "function_call" || item?.["type"] === "custom_tool_call";
    if (item && isCall && item["call_id"] === callId) return item;
  }
  return undefined;
}

/** The text an item contributes to the prompt, for token counts. */
export function itemPromptText(item: Item): string {
  if (isMessage(item)) return messageText(item);
  switch (item["type"]) {
    case "function_call":
      return `${String(item["name"] ?? "")}${String(item["arguments"] ?? "")}`;
    case "custom_tool_call":
      return `${String(item["name"] ?? "")}${String(item["input"] ?? "")}`;
    case "function_call_output":
    case "custom_tool_call_output":
      return typeof item["output"] === "string" ? item["output"] : JSON.stringify(item["output"] ?? "");
    default:
      return JSON.stringify(item);
  }
}

/** Usage tokens are chars/4 rounded up: simple, deterministic and the same on both transports. */
export function countTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
