import { createHash } from "node:crypto";
import type { InputItem } from "@switchyard/sdk";
import type { ModelSession } from "@switchyard/core";
import type { CreateRequest } from "./create-request.js";

/**
 * Upstream continuation for stateless clients. Each served conversation is kept under a rolling
 * hash of (model, instructions, tools, parameters, items…). A request whose items extend a kept
 * conversation reuses its session, which sends `previous_response_id` plus only the new items on
 * its pooled websocket (and replays in full when the upstream lost the state). Items are compared
 * by meaning (role and text, call ids and arguments), not by ids and statuses a client may add.
 */
export class ConversationCache {
  private readonly byKey = new Map<string, ModelSession>();
  private readonly byResponse = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.byKey.size;
  }

  /**
   * Takes the session whose conversation is the longest proper prefix of `request.items`, and
   * says which items are new. Undefined when none matches (or the cache is off).
   */
  take(request: CreateRequest): { session: ModelSession; newItems: InputItem[] } | undefined {
    if (this.capacity === 0) return undefined;
    const hashes = prefixHashes(settingsHash(request), request.items);
    for (let length = request.items.length - 1; length > 0; length--) {
      const key = hashes[length] as string;
      const session = this.byKey.get(key);
      if (session) {
        this.byKey.delete(key);
        return { session, newItems: request.items.slice(length) };
      }
    }
    return undefined;
  }

  /** Takes the session that produced `responseId` (a client's previous_response_id). */
  takeByResponse(responseId: string): ModelSession | undefined {
    const key = this.byResponse.get(responseId);
    if (key === undefined) return undefined;
    this.byResponse.delete(responseId);
    const session = this.byKey.get(key);
    this.byKey.delete(key);
    return session;
  }

  /** Keeps a session after a completed turn, under its whole conversation. Evicts the oldest. */
  keep(request: CreateRequest, session: ModelSession, responseId: string): void {
    if (this.capacity === 0) return;
    const items = session.items();
    const key = prefixHashes(settingsHash(request), items)[items.length] as string;
    this.byKey.delete(key);
    this.byKey.set(key, session);
    if (responseId) this.byResponse.set(responseId, key);
    while (this.byKey.size > this.capacity) {
      const oldest = this.byKey.keys().next().value as string;
      this.byKey.delete(oldest);
    }
    while (this.byResponse.size > this.capacity) {
      const oldest = this.byResponse.keys().next().value as string;
      this.byResponse.delete(oldest);
    }
  }
}

function settingsHash(request: CreateRequest): string {
  const settings = JSON.stringify([request.model, request.instructions ?? null, request.tools, sortKeys(request.extra)]);
  return createHash("sha256").update(settings).digest("hex");
}

/** hashes[n] identifies the settings plus the first n items. */
function prefixHashes(seed: string, items: readonly InputItem[]): string[] {
  const hashes = [seed];
  let current = seed;
  for (const item of items) {
    current = createHash("sha256").update(current).update(JSON.stringify(meaning(item))).digest("hex");
    hashes.push(current);
  }
  return hashes;
}

/** What an item says, without the ids, statuses and empty annotations clients add or drop. */
function meaning(item: InputItem): unknown {
  const fields = item as Record<string, unknown>;
  const type = typeof fields["type"] === "string" ? fields["type"] : "message";
  switch (type) {
    case "message": {
      const content = fields["content"];
      const texts = typeof content === "string" ? [content] : Array.isArray(content) ? content.map((part) => partText(part)) : [];
      return ["message", fields["role"], texts];
    }
    case "function_call":
      return ["function_call", fields["call_id"], fields["name"], fields["arguments"]];
    case "function_call_output":
      return ["function_call_output", fields["call_id"], fields["output"]];
    case "reasoning":
      return ["reasoning", fields["encrypted_content"] ?? null];
    default: {
      const { id: _id, status: _status, ...rest } = fields;
      return [type, sortKeys(rest)];
    }
  }
}

function partText(part: unknown): unknown {
  if (typeof part !== "object" || part === null) return part;
  const fields = part as Record<string, unknown>;
  return typeof fields["text"] === "string" ? fields["text"] : sortKeys(fields);
}

function sortKeys(value: Record<string, unknown>): unknown {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
