/** Routes the non-Responses dialects, each in its own file; everything else goes to the Responses handler. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { anthropicNotFound, serveAnthropicMessages, serveAnthropicModels } from "./anthropic-dialect.js";
import { serveChatCompletions } from "./chat-completions-dialect.js";
import type { Engine } from "./engine.js";
import { profiles } from "./profiles.js";
import { rejectUpgrade } from "./websocket-handler.js";

type Handler = (engine: Engine, req: IncomingMessage, res: ServerResponse) => Promise<void>;

const routes: Readonly<Record<string, Handler>> = {
  "POST /v1/chat/completions": serveChatCompletions,
  "POST /anthropic/v1/messages": serveAnthropicMessages,
  "GET /anthropic/v1/models": serveAnthropicModels,
};

const anthropicPrefix = `${profiles.anthropic.basePath}/`;

const notFound: Handler = async (_engine, req, res) => {
  const body = anthropicNotFound(new URL(req.url ?? "/", "http://emulator.invalid").pathname);
  res.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
};

/** The handler of a dialect route for this request (any other path under the Messages prefix is a 404), or undefined. */
export function dialectRoute(req: IncomingMessage): Handler | undefined {
  const pathname = new URL(req.url ?? "/", "http://emulator.invalid").pathname;
  const key = `${req.method ?? ""} ${pathname}`;
  if (Object.hasOwn(routes, key)) return routes[key];
  return pathname.startsWith(anthropicPrefix) ? notFound : undefined;
}

/** Refuses a websocket upgrade on a dialect without a websocket mode; false when the Responses handler should take it. */
export function refuseDialectUpgrade(req: IncomingMessage, socket: Duplex): boolean {
  const pathname = new URL(req.url ?? "/", "http://emulator.invalid").pathname;
  if (!pathname.startsWith(anthropicPrefix)) return false;
  rejectUpgrade(socket, 404, anthropicNotFound(pathname));
  return true;
}
