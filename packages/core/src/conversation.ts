import type { InputItem, UnifiedEvent } from "@switchyard/sdk";
import { sessionInputInvalid } from "./errors.js";

/** Turns `session.send()` input into conversation items. @throws SY_ERR_SESSION_INPUT_INVALID */
export function toInputItems(input: string | readonly InputItem[]): InputItem[] {
  if (typeof input === "string") return [{ type: "message", role: "user", content: input }];
  if (!Array.isArray(input) || input.length === 0) {
    throw sessionInputInvalid("session.send() needs a string or a non-empty array of conversation items.");
  }
  input.forEach((item, index) => {
    const valid =
      typeof item === "object" &&
      item !== null &&
      (typeof item.type === "string" || typeof (item as { role?: unknown }).role === "string");
    const outputOk = item?.type !== "function_call_output" || (typeof item.call_id === "string" && typeof item.output === "string");
    if (!valid || !outputOk) {
      throw sessionInputInvalid(`Input item ${index} is not a conversation item: ${JSON.stringify(item)?.slice(0, 120)}.`, { index });
    }
  });
  return input.map((item) => ({ ...item }));
}

/**
 * Collects a response's output as input items for the next turn: assistant text as a message,
 * each function call as a function_call item, and reasoning that carries encrypted content (what
 * a stateless, store: false conversation must send back; without its id, which was not stored).
 */
export class OutputCollector {
  readonly items: InputItem[] = [];
  responseId: string | undefined;
  status: "completed" | "incomplete" | "failed" | undefined;

  add(event: UnifiedEvent): void {
    switch (event.type) {
      case "response-start":
        this.responseId = event.responseId;
        break;
      case "text-end":
        this.items.push({ type: "message", role: "assistant", content: [{ type: "output_text", text: event.text }] });
        break;
      case "reasoning-end":
        if (event.encryptedContent !== undefined) {
          const summary = event.summary === "" ? [] : [{ type: "summary_text", text: event.summary }];
          this.items.push({ type: "reasoning", summary, encrypted_content: event.encryptedContent });
        }
        break;
      case "tool-call-end":
        this.items.push({ type: "function_call", call_id: event.callId, name: event.name, arguments: event.arguments });
        break;
      case "response-end":
        this.status = event.status;
        break;
      default:
        break;
    }
  }
}
