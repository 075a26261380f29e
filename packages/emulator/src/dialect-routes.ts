/** Routes the non-Responses dialects, each in its own file; everything else goes to the Responses handler. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { serveAnthropicMessages, serveAnthropicModels } from "./anthropic-dialect.js";
import { serveChatCompletions } from "./chat-completions-dialect.js";
import type { Engine } from "./engine.js";

type Handler = (engine: Engine, req: IncomingMessage, res: ServerResponse) => Promise<void>;

const routes: Readonly<Record<string, Handler>> = {
  "POST /v1/chat/completions": serveChatCompletions,
  "POST /anthropic/v1/messages": serveAnthropicMessages,
  "GET /anthropic/v1/models": serveAnthropicModels,
};

/** The handler of a dialect route for this request, or undefined. */
export function dialectRoute(req: IncomingMessage): Handler | undefined {
  const key = `${req.method ?? ""} ${new URL(req.url ?? "/", "http://emulator.invalid").pathname}`;
  return Object.hasOwn(routes, key) ? routes[key] : undefined;
}
