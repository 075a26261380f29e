import type { ConversationItem } from "@switchyard/sdk";
import { object, text } from "../json-fields.js";

/** The text of a conversation message: string content, or its text parts joined. */
export function messageText(item: ConversationItem): string {
  const content = (item as { content?: unknown }).content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => text(object(part)?.text))
    .filter((part) => part !== "")
    .join("\n");
}

/** The role of a message item, or undefined for items that are not messages. */
export function messageRole(item: ConversationItem): string | undefined {
  const role = (item as { role?: unknown }).role;
  return (item.type === undefined || item.type === "message") && typeof role === "string" ? role : undefined;
}

/** Responses-only create parameters that other wire APIs must not receive. */
export const RESPONSES_ONLY_FIELDS = new Set([
  "input",
  "instructions",
  "tools",
  "store",
  "stream",
  "background",
  "previous_response_id",
  "include",
  "text",
  "reasoning",
  "truncation",
  "max_output_tokens",
  "tool_choice",
  "parallel_tool_calls",
  "prompt_cache_key",
  "service_tier",
]);

/** The body's extra parameters minus the Responses-only ones (and `model`). */
export function portableFields(body: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== "model" && !RESPONSES_ONLY_FIELDS.has(key) && value !== undefined) result[key] = value;
  }
  return result;
}
