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
