import type { FunctionTool, InputItem } from "@switchyard/sdk";
import { bodyInvalid } from "./errors.js";

/** A Responses create request as the gateway uses it. */
export interface CreateRequest {
  /** provider/model or a route alias. */
  model: string;
  items: InputItem[];
  instructions: string | undefined;
  tools: FunctionTool[];
  stream: boolean;
  previousResponseId: string | undefined;
  /** Every other create parameter (temperature, text, reasoning, …), passed upstream as written. */
  extra: Record<string, unknown>;
}

/**
 * Fields the gateway owns: `store` is always false upstream (the gateway holds the conversation),
 * and the websocket's framing fields are not create parameters.
 */
const OWNED = new Set(["model", "input", "instructions", "tools", "stream", "previous_response_id", "store", "type", "background", "stream_options"]);

/** Validates a create body. @throws SY_ERR_GATEWAY_BODY_INVALID naming the field. */
export function parseCreateRequest(body: unknown): CreateRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw bodyInvalid("expected a JSON object");
  const fields = body as Record<string, unknown>;
  const { model, input, instructions, tools, stream, previous_response_id: previous } = fields;
  if (typeof model !== "string" || model === "") throw bodyInvalid('"model" must be a non-empty string (provider/model or a route alias)', "model");
  let items: InputItem[];
  if (typeof input === "string") items = [{ type: "message", role: "user", content: input }];
  else if (Array.isArray(input) && input.length > 0 && input.every((item) => typeof item === "object" && item !== null && !Array.isArray(item))) items = input as InputItem[];
  else throw bodyInvalid('"input" must be a string or a non-empty array of input items', "input");
  if (instructions !== undefined && instructions !== null && typeof instructions !== "string") throw bodyInvalid('"instructions" must be a string', "instructions");
  if (tools !== undefined && !Array.isArray(tools)) throw bodyInvalid('"tools" must be an array', "tools");
  if (stream !== undefined && typeof stream !== "boolean") throw bodyInvalid('"stream" must be a boolean', "stream");
  if (previous !== undefined && previous !== null && typeof previous !== "string") throw bodyInvalid('"previous_response_id" must be a string', "previous_response_id");
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (!OWNED.has(key) && value !== undefined) extra[key] = value;
  return {
    model,
    items,
    instructions: typeof instructions === "string" ? instructions : undefined,
    tools: (tools ?? []) as FunctionTool[],
    stream: stream === true,
    previousResponseId: typeof previous === "string" ? previous : undefined,
    extra,
  };
}
