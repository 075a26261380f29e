import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createHost, type Host } from "@switchyard/core";
import type { UnifiedEvent } from "@switchyard/sdk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TOOLS } from "./test-support/rig.js";

const LINE_CHAT = fileURLToPath(new URL("./__fixtures__/extensions/line-chat", import.meta.url));

interface LineTurn {
  role: string;
  text?: string;
  calls?: Array<{ id: string; name: string; args: unknown }>;
  id?: string;
  output?: string;
}

/** A line-chat server: calls a tool the user names, answers a tool result, otherwise echoes. Records what it got. */
async function startLineServer(): Promise<{ url: string; requests: Array<{ headers: IncomingMessage["headers"]; body: { tools: Array<{ name: string }>; turns: LineTurn[] } }>; close(): Promise<void> }> {
  const requests: Array<{ headers: IncomingMessage["headers"]; body: { tools: Array<{ name: string }>; turns: LineTurn[] } }> = [];
  let responses = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      requests.push({ headers: req.headers, body });
      if (req.url !== "/chat" || req.headers["x-line-key"] !== "line-secret-1234") {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "bad_key", message: "no key" } }));
        return;
      }
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      const last = body.turns.at(-1) as LineTurn;
      const lines: unknown[] = [{ kind: "start", id: `lc_${++responses}`, model: body.model }];
      const tool = body.tools.find((candidate: { name: string }) => last.role === "user" && last.text?.includes(candidate.name));
      if (last.text === "fail") lines.push({ kind: "error", code: "model_busy", message: "the model is busy" });
      else if (tool) lines.push({ kind: "call", id: `call_${responses}`, name: tool.name, args: { city: "Paris" } });
      else if (last.role === "tool") lines.push({ kind: "text", text: "It is " }, { kind: "text", text: `${JSON.parse(last.output ?? "{}").forecast}.` });
      else lines.push({ kind: "text", text: `Echo: ${last.text}` });
      if (last.text !== "fail") lines.push({ kind: "end", usage: { in: body.turns.length, out: 2 } });
      // Split a line across writes: the decoder must not care where the bytes break.
      const text = lines.map((line) => `${JSON.stringify(line)}\n`).join("");
      res.write(text.slice(0, 17));
      res.end(text.slice(17));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function collect(stream: AsyncIterable<UnifiedEvent>): Promise<UnifiedEvent[]> {
  const events: UnifiedEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

let server: Awaited<ReturnType<typeof startLineServer>>;
let host: Host;
beforeEach(async () => {
  server = await startLineServer();
  host = await createHost({ extensions: [LINE_CHAT], config: { providers: { line: { baseUrl: server.url } } }, env: { LINE_KEY: "line-secret-1234" } });
});
afterEach(async () => {
  await host.close();
  await server.close();
});

describe("a third-party extension contributing its own wire API", () => {
  it("loads its api from the manifest without running code, and imports the codec on the first turn", async () => {
    const { providers, problems } = host.providers();
    expect(problems).toEqual([]);
    expect(providers).toEqual([expect.objectContaining({ id: "line", api: "line-chat", codeLoaded: false, transports: { http: { url: `${server.url}/chat` } } })]);
    await collect(host.session("line").send("hello"));
    expect(host.providers().providers[0]?.codeLoaded).toBe(true);
  });

  it("holds a tool conversation through host.session(): call, result, answer, with the conversation re-encoded each turn", async () => {
    const session = host.session("line/tiny-1", { instructions: "Be brief.", tools: TOOLS });
    const first = await collect(session.send("What is the weather in Paris? Use get_weather."));
    expect(first.map((event) => event.type)).toEqual(["response-start", "tool-call-start", "tool-call-delta", "tool-call-end", "response-end"]);
    const call = first.find((event) => event.type === "tool-call-end");
    expect(call).toMatchObject({ name: "get_weather", callId: "call_1", arguments: '{"city":"Paris"}' });

    const second = await collect(session.send([{ type: "function_call_output", call_id: "call_1", output: '{"forecast":"sunny"}' }]));
    expect(second.filter((event) => event.type === "text-delta").map((event) => (event.type === "text-delta" ? event.delta : ""))).toEqual(["It is ", "sunny."]);
    expect(second.at(-2)).toMatchObject({ type: "text-end", text: "It is sunny." });
    expect(second.at(-1)).toMatchObject({ type: "response-end", status: "completed", usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } });

    const third = await collect(session.send("thanks"));
    expect(third.at(-2)).toMatchObject({ type: "text-end", text: "Echo: thanks" });
    // What went over the wire: the codec's own body shape, the full conversation every turn, the manifest's credential header.
    expect(server.requests[2]?.body).toEqual({
      model: "tiny-1",
      system: "Be brief.",
      tools: [{ name: "get_weather", schema: TOOLS[0]?.parameters }],
      turns: [
        { role: "user", text: "What is the weather in Paris? Use get_weather." },
        { role: "model", calls: [{ id: "call_1", name: "get_weather", args: { city: "Paris" } }] },
        { role: "tool", id: "call_1", output: '{"forecast":"sunny"}' },
        { role: "model", text: "It is sunny." },
        { role: "user", text: "thanks" },
      ],
    });
    expect(server.requests.map((request) => request.headers["x-line-key"])).toEqual(["line-secret-1234", "line-secret-1234", "line-secret-1234"]);
    expect(session.items()).toHaveLength(6);
  });

  it("reports an error line as a coded server error, and the session stays usable", async () => {
    const session = host.session("line");
    const error = await collect(session.send("fail")).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_SERVER_ERROR", details: { serverCode: "model_busy", phase: "after-first-event" } });
    expect(session.items()).toEqual([]);
    const retry = await collect(session.send("again"));
    expect(retry.at(-2)).toMatchObject({ type: "text-end", text: "Echo: again" });
  });

  it("wraps a codec that throws while encoding in a coded error naming the extension, and keeps serving", async () => {
    const error = await collect(host.session("line/explode").send("hello")).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "SY_ERR_EXTENSION_HOOK_FAILED", details: { extension: "line-chat", provider: "line", hook: "apis.line-chat.encode" } });
    expect(String((error as Error).message)).toContain("this codec cannot encode model explode");
    expect(server.requests).toEqual([]);
    expect((await collect(host.session("line").send("still there?"))).at(-2)).toMatchObject({ type: "text-end", text: "Echo: still there?" });
  });

  it("reports a refused key as a coded HTTP error with the server's code, never the key", async () => {
    const failing = await createHost({
      extensions: [LINE_CHAT],
      config: { providers: { line: { baseUrl: server.url } } },
      env: { LINE_KEY: "wrong-key-5678" },
    });
    try {
      const error = await collect(failing.session("line").send("hello")).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_HTTP_STATUS", details: { status: 401, serverCode: "bad_key" } });
      expect(String((error as Error).message)).not.toContain("wrong-key-5678");
    } finally {
      await failing.close();
    }
  });
});
