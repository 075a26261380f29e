import type { WireApi } from "@switchyard/sdk";
import { anthropicMessagesApi } from "./anthropic-messages.js";
import { chatCompletionsApi } from "./chat-completions.js";
import { responsesApi } from "./responses.js";

/** The codecs of the apis the host ships (their declarations are @switchyard/sdk's BUILTIN_APIS). */
export const BUILTIN_WIRE_APIS: Readonly<Record<string, WireApi>> = Object.freeze({
  "openai-responses": responsesApi("openai-responses"),
  "openai-codex-responses": responsesApi("openai-codex-responses"),
  "openai-chat-completions": chatCompletionsApi,
  "anthropic-messages": anthropicMessagesApi,
});

export { responsesApi, chatCompletionsApi, anthropicMessagesApi };
export { toChatMessages } from "./chat-completions.js";
export { mapChatUsage } from "./chat-decoder.js";
export { toAnthropicMessages, DEFAULT_MAX_TOKENS } from "./anthropic-messages.js";
