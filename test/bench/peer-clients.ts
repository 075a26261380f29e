/**
 * The peers a runtime would use instead of Switchyard, each driven the way its documentation
 * shows, pointed at the frame server: the official `openai` SDK (responses.create streamed over
 * HTTP, and ResponsesWS), the Vercel AI SDK (streamText on `@ai-sdk/openai`'s Responses model) and
 * pi-ai (its openai-responses provider over HTTP, its openai-codex provider over websocket). Each
 * does the consumer work the raw clients do: count the text deltas and keep the text.
 */
import { readFileSync } from "node:fs";
import { createOpenAI } from "@ai-sdk/openai";
import { getModel, stream as piStream, type Api, type Context, type Model } from "@mariozechner/pi-ai";
import { closeOpenAICodexWebSocketSessions, getOpenAICodexWebSocketDebugStats } from "@mariozechner/pi-ai/openai-codex-responses";
import { streamText } from "ai";
import OpenAI from "openai";
import { ResponsesWS } from "openai/resources/responses/ws";
import WebSocket from "ws";
import { API_KEY, MODEL } from "./clients.js";
import { withTimeout } from "./harness.js";

/** What a peer's turn delivered to its consumer. */
export interface PeerTurn {
  deltas: number;
  text: string;
  /** performance.now() when the first text delta reached the consumer. */
  firstDeltaAt: number;
}

export interface Peer {
  /** Key in the samples and bench-results.json. */
  id: string;
  /** The client and call, as a user would name it. */
  label: string;
  transport: "http" | "websocket";
  /** The npm package and the version installed, read from its package.json. */
  package: string;
  turn(): Promise<PeerTurn>;
  /** What the peer itself reports about the run (e.g. pi-ai's websocket counters). */
  report?(): Record<string, unknown>;
  close(): Promise<void>;
}

interface Endpoint {
  baseUrl: string;
  websocketUrl: string;
}

const PROMPT = "stream";

function version(name: string): string {
  const file = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
  return `${name}@${(JSON.parse(readFileSync(file, "utf8")) as { version: string }).version}`;
}

function counter(): PeerTurn & { add(delta: string): void } {
  return {
    deltas: 0,
    text: "",
    firstDeltaAt: 0,
    add(delta) {
      if (this.deltas++ === 0) this.firstDeltaAt = performance.now();
      this.text += delta;
    },
  };
}

function result({ deltas, text, firstDeltaAt }: PeerTurn): PeerTurn {
  return { deltas, text, firstDeltaAt };
}

function openaiHttp(endpoint: Endpoint): Peer {
  const client = new OpenAI({ apiKey: API_KEY, baseURL: endpoint.baseUrl, maxRetries: 0 });
  return {
    id: "openai-http",
    label: "openai SDK responses.create({ stream: true })",
    transport: "http",
    package: version("openai"),
    async turn() {
      const outcome = counter();
      const events = await client.responses.create({ model: MODEL, store: false, input: PROMPT, stream: true });
      for await (const event of events) {
        if (event.type === "response.output_text.delta") outcome.add(event.delta);
        else if (event.type === "response.failed" || event.type === "error") throw new Error(`openai SDK: ${event.type}`);
      }
      return result(outcome);
    },
    close: async () => undefined,
  };
}

/** ResponsesWS keeps one connection open, as the raw ws client does; one response at a time. */
async function openaiWebSocket(endpoint: Endpoint): Promise<Peer> {
  const socket = new ResponsesWS(new OpenAI({ apiKey: API_KEY, baseURL: endpoint.baseUrl, maxRetries: 0 }));
  const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
  return {
    id: "openai-ws",
    label: "openai SDK ResponsesWS",
    transport: "websocket",
    package: version("openai"),
    turn() {
      return new Promise<PeerTurn>((resolve, reject) => {
        const outcome = counter();
        const onDelta = (event: { delta: string }): void => outcome.add(event.delta);
        const settle = (error?: unknown): void => {
          socket.off("response.output_text.delta", onDelta);
          socket.off("response.completed", onCompleted);
          socket.off("error", settle);
          if (error === undefined) resolve(result(outcome));
          else reject(error instanceof Error ? error : new Error(String(error)));
        };
        const onCompleted = (): void => settle();
        socket.on("response.output_text.delta", onDelta);
        socket.on("response.completed", onCompleted);
        socket.on("error", settle);
        socket.send({ type: "response.create", model: MODEL, store: false, input: PROMPT });
      });
    },
    async close() {
      socket.close({ code: 1000, reason: "bench done" });
      await withTimeout(closed, 5_000, "closing ResponsesWS");
    },
  };
}

function aiSdkHttp(endpoint: Endpoint): Peer {
  const model = createOpenAI({ apiKey: API_KEY, baseURL: endpoint.baseUrl }).responses(MODEL);
  return {
    id: "ai-sdk-http",
    label: "AI SDK streamText(openai.responses())",
    transport: "http",
    package: `${version("ai")} + ${version("@ai-sdk/openai")}`,
    async turn() {
      const outcome = counter();
      let failure: unknown;
      const run = streamText({ model, prompt: PROMPT, maxRetries: 0, providerOptions: { openai: { store: false } }, onError: ({ error }) => void (failure = error) });
      for await (const delta of run.textStream) outcome.add(delta);
      if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
      return result(outcome);
    },
    close: async () => undefined,
  };
}

async function piTurn(model: Model<Api>, options: Record<string, unknown>): Promise<PeerTurn> {
  const outcome = counter();
  const context: Context = { messages: [{ role: "user", content: PROMPT, timestamp: Date.now() }] };
  for await (const event of piStream(model, context, options)) {
    if (event.type === "text_delta") outcome.add(event.delta);
    else if (event.type === "error") throw new Error(`pi-ai: ${event.error.errorMessage ?? "stream error"}`);
  }
  return result(outcome);
}

function piHttp(endpoint: Endpoint): Peer {
  const model = { ...getModel("openai", "gpt-5.4"), baseUrl: endpoint.baseUrl };
  return {
    id: "pi-ai-http",
    label: "pi-ai openai-responses",
    transport: "http",
    package: version("@mariozechner/pi-ai"),
    turn: () => piTurn(model, { apiKey: API_KEY }),
    close: async () => undefined,
  };
}

/**
 * A token shaped like a ChatGPT sign-in JWT: pi-ai's codex provider reads the account id from its
 * `https://api.openai.com/auth` claim before it sends anything. The frame server checks nothing.
 */
function benchCodexToken(): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  const claims = { "https://api.openai.com/auth": { chatgpt_account_id: "acct-bench" }, exp: Math.floor(Date.now() / 1000) + 3600 };
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.bench-not-signed`;
}

/**
 * pi-ai's codex websocket with a session id, so it keeps one connection per session (its cache)
 * as the raw ws client does. pi-ai falls back to SSE silently on a websocket failure: its own
 * counters are checked so a fallback cannot pass as a websocket figure.
 */
function piCodexWebSocket(endpoint: Endpoint): Peer {
  // pi-ai appends /codex/responses to the base; the frame server answers any …/responses.
  const model = { ...getModel("openai-codex", "gpt-5.4"), baseUrl: endpoint.baseUrl };
  const sessionId = "switchyard-bench-peers";
  const options = { apiKey: benchCodexToken(), transport: "websocket", sessionId };
  return {
    id: "pi-ai-codex-ws",
    label: "pi-ai openai-codex websocket",
    transport: "websocket",
    package: version("@mariozechner/pi-ai"),
    async turn() {
      const outcome = await piTurn(model, options);
      const stats = getOpenAICodexWebSocketDebugStats(sessionId);
      if (!stats || stats.websocketFailures > 0 || stats.sseFallbacks > 0) {
        throw new Error(`pi-ai codex did not stay on websocket: ${JSON.stringify(stats)}`);
      }
      return outcome;
    },
    report: () => ({ ...getOpenAICodexWebSocketDebugStats(sessionId) }),
    async close() {
      closeOpenAICodexWebSocketSessions(sessionId);
    },
  };
}

/**
 * Every peer, opened against the frame server. Node 20 has no global WebSocket and pi-ai dials
 * through one: `ws`'s is installed for the run and removed by the returned close.
 */
export async function openPeers(endpoint: Endpoint): Promise<{ peers: Peer[]; close(): Promise<void> }> {
  const installed = !("WebSocket" in globalThis);
  if (installed) Object.assign(globalThis, { WebSocket });
  const peers: Peer[] = [openaiHttp(endpoint), aiSdkHttp(endpoint), piHttp(endpoint)];
  try {
    peers.push(await openaiWebSocket(endpoint), piCodexWebSocket(endpoint));
  } catch (error) {
    await Promise.all(peers.map((peer) => peer.close()));
    throw error;
  }
  return {
    peers,
    async close() {
      await Promise.allSettled(peers.map((peer) => peer.close()));
      if (installed) delete (globalThis as { WebSocket?: unknown }).WebSocket;
    },
  };
}
