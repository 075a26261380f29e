/**
 * Compaction, as Codex uses it: a `compaction_trigger` input item (or `POST …/responses/compact`)
 * answers with one `compaction` item whose `encrypted_content` is opaque to the client. Sent back
 * as input later, that item stands for the history it compacted. The emulator keeps no state for
 * it: the content carries the compacted items, encoded, so any connection or profile can expand it.
 */
import type { Item } from "./conversation.js";

const prefix = "emu_cmp.";

/** The opaque `encrypted_content` standing for these items. */
export function encodeCompaction(items: readonly Item[]): string {
  return prefix + Buffer.from(JSON.stringify(items), "utf8").toString("base64url");
}

/** The items a compaction's content stands for, or null when it is not one the emulator made. */
export function decodeCompaction(content: unknown): Item[] | null {
  if (typeof content !== "string" || !content.startsWith(prefix)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(content.slice(prefix.length), "base64url").toString("utf8"));
    return Array.isArray(value) ? value.filter((item): item is Item => typeof item === "object" && item !== null) : null;
  } catch {
    return null;
  }
}

/** True when the input ends with a request to compact. */
export function endsWithCompactionTrigger(items: readonly Item[]): boolean {
  return items.at(-1)?.["type"] === "compaction_trigger";
}

/**
 * Replaces each compaction item by the history it stands for and drops triggers. Returns the
 * index of the first compaction item the emulator cannot read, so the caller can refuse it.
 */
export function expandCompactions(items: readonly Item[]): { items: Item[]; unreadable: number | null } {
  const result: Item[] = [];
  for (const [index, item] of items.entries()) {
    if (item["type"] === "compaction_trigger") continue;
    if (item["type"] !== "compaction" && item["type"] !== "compaction_summary") {
      result.push(item);
      continue;
    }
    const expanded = decodeCompaction(item["encrypted_content"]);
    if (expanded === null) return { items: result, unreadable: index };
    result.push(...expanded);
  }
  return { items: result, unreadable: null };
}
