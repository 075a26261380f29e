import type { TransportKind } from "./apis.js";

/** Token usage as the server reported it. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cachedInputTokens?: number;
  reasoningTokens?: number;
}

/**
 * The unified event stream both transports emit (noun-verb names, as in the Vercel AI SDK).
 * Failures are not events: the iterator throws a coded SwitchyardError.
 */
export type UnifiedEvent =
  | {
      type: "response-start";
      responseId: string;
      model: string;
      transport: TransportKind;
      /** How the input was sent: only the new items after previous_response_id, or the full conversation. */
      input: "continuation" | "full";
    }
  | { type: "text-delta"; itemId: string; delta: string }
  | { type: "text-end"; itemId: string; text: string }
  | {
      type: "reasoning-end";
      itemId: string;
      /** The reasoning summary text ("" when the model gave none). */
      summary: string;
      /** Present when the request asked for `reasoning.encrypted_content` (stateless, store: false). */
      encryptedContent: string | undefined;
    }
  | { type: "tool-call-start"; itemId: string; callId: string; name: string }
  | { type: "tool-call-delta"; itemId: string; delta: string }
  | { type: "tool-call-end"; itemId: string; callId: string; name: string; arguments: string }
  | {
      type: "response-end";
      responseId: string;
      status: "completed" | "incomplete" | "failed";
      usage: Usage | undefined;
      incompleteReason?: string;
      error?: { code: string; message: string };
    }
  | { type: "transport-fallback"; from: "websocket"; to: "http"; reason: string; code: string }
  /** A route's candidate failed before its first event; the next candidate answers the turn. */
  | { type: "route-failover"; route: string; from: string; to: string; reason: string; code: string };

export type UnifiedEventType = UnifiedEvent["type"];

/** A Responses API function tool. */
export interface FunctionTool {
  type: "function";
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  strict?: boolean;
}

/** A Responses API input item (messages, function calls and their outputs; others pass through). */
export type InputItem =
  | { type?: "message"; role: "user" | "system" | "developer"; content: string | Array<Record<string, unknown>> }
  | { type: "message"; role: "assistant"; content: Array<Record<string, unknown>>; id?: string; status?: string }
  | { type: "function_call"; call_id: string; name: string; arguments: string; id?: string; status?: string }
  | { type: "function_call_output"; call_id: string; output: string }
  | ({ type: string } & Record<string, unknown>);

/** The body of a Responses create request as the Responses codec sends it. Hooks see the api-neutral TurnBody. */
export interface ResponsesRequestBody {
  model: string;
  input?: string | InputItem[];
  instructions?: string;
  tools?: FunctionTool[];
  store?: boolean;
  stream?: boolean;
  previous_response_id?: string;
  [field: string]: unknown;
}
