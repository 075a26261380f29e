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
