/** Routes the non-Responses dialects, each in its own file; everything else goes to the Responses handler. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { serveAnthropicMessages } from "./anthropic-dialect.js";
import { serveChatCompletions } from "./chat-completions-dialect.js";
import type { Engine } from "./engine.js";

const routes: Readonly<Record<string, (engine: Engine, req: IncomingMessage, res: ServerResponse) => Promise<void>>> = {
  "/v1/chat/completions": serveChatCompletions,
  "/anthropic/v1/messages": serveAnthropicMessages,
};

/** The handler of a dialect route for this POST, or undefined. */
export function dialectRoute(req: IncomingMessage): ((engine: Engine, req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined {
  if (req.method !== "POST") return undefined;
  const pathname = new URL(req.url ?? "/", "http://emulator.invalid").pathname;
  return Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
}
