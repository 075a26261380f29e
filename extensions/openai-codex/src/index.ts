import { defineExtension, hasBasePrompt, type ResponsesRequestBody } from "@switchyard/sdk";
import { instructionsRequired } from "./errors.js";

/**
 * The Codex backend's dialect rules that a manifest cannot express on its own: requests are never
 * stored server-side (so reasoning must travel encrypted with the conversation), and a base prompt
 * is mandatory: `instructions`, or a leading developer message as Codex CLI sends it. The manifest
 * declares the same rules (`request`) so tools can show them. Throws SY_ERR_CODEX_INSTRUCTIONS_REQUIRED.
 */
export function shapeCodexRequest(body: ResponsesRequestBody): ResponsesRequestBody {
  if (!hasBasePrompt(body)) throw instructionsRequired();
  const include = Array.isArray(body.include) ? (body.include as unknown[]) : [];
  return {
    ...body,
    store: false,
    include: include.includes("reasoning.encrypted_content") ? include : [...include, "reasoning.encrypted_content"],
  };
}

export default defineExtension({
  id: "openai-codex",
  providers: {
    "openai-codex": {
      shapeRequest: shapeCodexRequest,
      // A ChatGPT plan's usage limit is not a transport fault: retrying over HTTP would hit it too.
      classifyError: (error) => (error.serverCode === "usage_limit_reached" ? { fallback: false } : undefined),
    },
  },
});
