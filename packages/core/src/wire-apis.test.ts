import { fileURLToPath } from "node:url";
import type { Transport, TurnRequest, UnifiedEvent } from "@switchyard/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { createHost, type Host } from "./index.js";

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/api-extensions/${name}`, import.meta.url));

let host: Host | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/** A transport that records the request it is given and answers one scripted response. */
function recordingTransport(seen: TurnRequest[]): Transport {
  return {
    kind: "http",
    async *stream(request: TurnRequest): AsyncGenerator<UnifiedEvent> {
      seen.push(request);
      yield { type: "response-start", responseId: "r1", model: "m", transport: "http", input: "full" };
      yield { type: "response-end", responseId: "r1", status: "completed", usage: undefined };
    },
    close: async () => undefined,
  };
}

async function drain(stream: AsyncIterable<UnifiedEvent>): Promise<UnifiedEvent[]> {
  const events: UnifiedEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe("wire APIs in the host", () => {
  it("refuses a turn whose api the extension declares but its entry does not export, naming both", async () => {
    host = await createHost({ extensions: [fixture("ghost")] });
    expect(host.providers().problems).toEqual([]);
    const error = await drain(host.session("ghost").send("hi")).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "SY_ERR_EXTENSION_API_MISSING", details: { extension: "ghost", api: "ghost-chat" } });
    expect((error as Error).message).toContain('declares api "ghost-chat" in its manifest, but ./index.js exports no codec for it');
  });

  it("refuses an entry that exports a codec for an api its manifest does not declare", async () => {
    host = await createHost({ extensions: [fixture("stray")] });
    const error = await drain(host.session("stray").send("hi")).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "SY_ERR_EXTENSION_LOAD_FAILED", details: { extension: "stray", apis: ["undeclared-chat"] } });
  });

  it("refuses a codec that cannot frame a transport its manifest declares the api over", async () => {
    host = await createHost({ extensions: [fixture("unframed")] });
    const error = await drain(host.session("unframed").send("hi")).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "SY_ERR_EXTENSION_LOAD_FAILED", details: { extension: "unframed", apis: ["unframed-chat"] } });
    expect((error as Error).message).toContain('api "unframed-chat" is declared over websocket, but its codec has no framing for websocket');
  });

  it("hands the injected transport the provider's codec, the api's default path and an api-neutral body", async () => {
    const seen: TurnRequest[] = [];
    const injected = { id: "openai-chat-completions", framing: { http: "sse" as const }, encode: () => ({ injected: true }), createDecoder: () => ({ decode: () => undefined, terminal: undefined, responseId: undefined }) };
    host = await createHost({ extensions: [fixture("plain-chat")], transports: { http: recordingTransport(seen) }, apis: { "openai-chat-completions": injected } });
    const events = await drain(host.session("plain-chat", { instructions: "Be brief." }).send("hi"));
    expect(events.map((event) => event.type)).toEqual(["response-start", "response-end"]);
    expect(seen[0]).toMatchObject({ url: "http://127.0.0.1:9/v1/chat/completions", api: injected, body: { model: "s", instructions: "Be brief." } });
    expect(seen[0]?.api.encode({ transport: "http", body: { model: "s" }, items: [], newItems: [] })).toEqual({ injected: true });
    expect(seen[0]?.input.items).toEqual([{ type: "message", role: "user", content: "hi" }]);
  });
});
