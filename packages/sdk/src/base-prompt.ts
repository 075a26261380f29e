import type { ResponsesRequestBody } from "./events.js";

/**
 * Whether a create body carries a base prompt: non-blank top-level `instructions`, or (as OpenAI's
 * Codex CLI sends it, with no `instructions` at all) a leading developer or system message. This
 * is what a manifest's `request.requires: ["instructions"]` asks for, as the Codex backend does.
 */
export function hasBasePrompt(body: ResponsesRequestBody): boolean {
  if (typeof body.instructions === "string" && body.instructions.trim() !== "") return true;
  const first: unknown = Array.isArray(body.input) ? body.input[0] : undefined;
  if (typeof first !== "object" || first === null) return false;
  const item = first as Record<string, unknown>;
  return (item["type"] === "message" || item["type"] === undefined) && (item["role"] === "developer" || item["role"] === "system");
}
