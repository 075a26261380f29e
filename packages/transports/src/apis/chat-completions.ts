import type { ConversationItem, WireApi, WireTurn } from "@switchyard/sdk";
import { object, text } from "../json-fields.js";
import { createChatDecoder } from "./chat-decoder.js";
import { messageRole, messageText } from "./message-text.js";
import { portableFields } from "./portable-fields.js";

type ChatMessage = Record<string, unknown>;

/** A user/system message's content: a string, or parts when it carries images. */
function chatContent(item: ConversationItem): unknown {
  const content = (item as { content?: unknown }).content;
  if (!Array.isArray(content) || content.every((part) => object(part)?.type !== "input_image")) return messageText(item);
  return content.map((part) => {
    const record = object(part) ?? {};
    if (record.type === "input_image") return { type: "image_url", image_url: { url: text(record.image_url) } };
    return { type: "text", text: text(record.text) };
  });
}

/**
 * Conversation items → Chat Completions messages. Function calls join the assistant message
 * before them (one message may carry text and several tool_calls); outputs become `tool`
 * messages. Reasoning items have no Chat Completions form and are left out.
 */
export function toChatMessages(instructions: string | undefined, items: readonly ConversationItem[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (instructions !== undefined && instructions !== "") messages.push({ role: "system", content: instructions });
  let assistant: ChatMessage | undefined;
  for (const item of items) {
    const role = messageRole(item);
    if (role === "assistant") {
      assistant = { role: "assistant", content: messageText(item) };
      messages.push(assistant);
    } else if (role !== undefined) {
      assistant = undefined;
      // Most Chat Completions servers know only system; OpenAI treats it as developer.
      messages.push({ role: role === "user" ? "user" : "system", content: chatContent(item) });
    } else if (item.type === "function_call") {
      if (!assistant) {
        assistant = { role: "assistant", content: null };
        messages.push(assistant);
      }
      const calls = (assistant.tool_calls ??= []) as unknown[];
      calls.push({ id: text(item.call_id), type: "function", function: { name: text(item.name), arguments: text(item.arguments) || "{}" } });
    } else if (item.type === "function_call_output") {
      assistant = undefined;
      const output = (item as { output?: unknown }).output;
      messages.push({ role: "tool", tool_call_id: text(item.call_id), content: typeof output === "string" ? output : JSON.stringify(output) });
    }
  }
  return messages;
}

function toolChoice(choice: unknown): unknown {
  const record = object(choice);
  if (record?.type === "function" && typeof record.name === "string") return { type: "function", function: { name: record.name } };
  return choice;
}

function encode(turn: WireTurn): Record<string, unknown> {
  const { body } = turn;
  const request: Record<string, unknown> = {
    ...portableFields(body),
    model: body.model,
    messages: toChatMessages(body.instructions, turn.items),
    stream: true,
    stream_options: { include_usage: true },
  };
  if (body.tools && body.tools.length > 0) {
    request.tools = body.tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.parameters,
        ...(tool.strict === undefined ? {} : { strict: tool.strict }),
      },
    }));
  }
  if (body.tool_choice !== undefined) request.tool_choice = toolChoice(body.tool_choice);
  if (body.parallel_tool_calls !== undefined) request.parallel_tool_calls = body.parallel_tool_calls;
  // max_tokens is what compatible servers read; OpenAI's reasoning models want max_completion_tokens,
  // which a session can pass in its body as written.
  if (typeof body.max_output_tokens === "number") request.max_tokens = body.max_output_tokens;
  const effort = object(body.reasoning)?.effort;
  if (typeof effort === "string") request.reasoning_effort = effort;
  return request;
}

/** OpenAI Chat Completions over HTTP SSE, as OpenAI and the compatible servers speak it. */
export const chatCompletionsApi: WireApi = Object.freeze({
  id: "openai-chat-completions",
  framing: { http: "sse" } as const,
  encode,
  createDecoder: createChatDecoder,
});
