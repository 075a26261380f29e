import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "./index.js";
import { httpRequest, sseJson, WireSocket, type WsMessage } from "./test-support/wire.js";

let emu: Emulator;
const sockets: WireSocket[] = [];
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((socket) => socket.close()));
  await emu.close();
});

async function open(profile: "openai" | "openai-codex" | "xai"): Promise<WireSocket> {
  const socket = new WireSocket(emu.endpoints[profile].websocketUrl);
  sockets.push(socket);
  await socket.opened;
  return socket;
}

const completed = (message: WsMessage): boolean => message.type === "response.completed";
const responseId = (message: WsMessage | undefined): string => (message!["response"] as { id: string }).id;

describe("HTTP request errors", () => {
  it("answers 401 without a bearer token, with the error JSON", async () => {
    const result = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { model: "gpt-5.4", input: "x" }, auth: false });
    expect(result.status).toBe(401);
    expect(JSON.parse(result.text).error).toMatchObject({ type: "invalid_request_error", code: "missing_api_key", param: null });
  });

  it("answers 400 invalid_json for a body that is not JSON", async () => {
    const result = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { rawBody: "{nope" });
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text).error.code).toBe("invalid_json");
  });

  it("answers 400 with param model when the model is missing", async () => {
    const result = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { input: "x" } });
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text).error).toMatchObject({ param: "model", code: "missing_required_parameter" });
  });

  it("answers 404 for unknown paths and rejects ws upgrades outside /responses", async () => {
    expect((await httpRequest(`${emu.url}/nowhere`)).status).toBe(404);
    const socket = new WireSocket(`${emu.endpoints.openai.websocketUrl.replace("/responses", "/chat")}`);
    await expect(socket.opened).rejects.toMatchObject({ status: 404 });
  });

  it("rejects a websocket upgrade without a bearer token with 401", async () => {
    const socket = new WireSocket(emu.endpoints.openai.websocketUrl, {});
    await expect(socket.opened).rejects.toMatchObject({ status: 401 });
    expect(emu.stats().profiles.openai.websocket).toMatchObject({ upgradesAttempted: 1, upgradesAccepted: 0, credentialsSeen: 0 });
  });
});

describe("openai-codex dialect", () => {
  const url = (): string => `${emu.endpoints["openai-codex"].baseUrl}/responses`;
  const valid = { model: "gpt-5.4", input: "x", store: false, instructions: "be brief", stream: true };

  it.each([
    ["store is not false", { store: true }, "Store must be set to false"],
    ["store is missing", { store: undefined }, "Store must be set to false"],
    ["instructions are missing", { instructions: undefined }, "Instructions are required"],
    ["stream is not true over HTTP", { stream: false }, "Stream must be set to true"],
  ])("answers HTTP 400 with the backend's { detail } body when %s", async (_name, change, message) => {
    const result = await httpRequest(url(), { body: { ...valid, ...change } });
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text)).toEqual({ detail: message });
  });

  it("admits Codex CLI's shape: no instructions, the base prompt as a leading developer message", async () => {
    const developer = { type: "message", role: "developer", content: [{ type: "input_text", text: "You are a coding agent." }] };
    const user = { type: "message", role: "user", content: [{ type: "input_text", text: "say hi" }] };
    const result = await httpRequest(url(), { body: { ...valid, instructions: undefined, input: [developer, user] } });
    expect(result.status).toBe(200);
    expect(sseJson(result).at(-1)).toMatchObject({ type: "response.completed", response: { output: [{ content: [{ text: "You said: say hi" }] }] } });
    const userFirst = await httpRequest(url(), { body: { ...valid, instructions: undefined, input: [user, developer] } });
    expect(JSON.parse(userFirst.text)).toEqual({ detail: "Instructions are required" });
  });

  it("streams when the rules are met", async () => {
    const result = await httpRequest(url(), { body: valid });
    expect(result.status).toBe(200);
    expect(sseJson(result).at(-1)?.type).toBe("response.completed");
  });

  it("answers a websocket create that breaks the rules with an error event, and needs no stream flag there", async () => {
    const socket = await open("openai-codex");
    socket.send({ type: "response.create", model: "gpt-5.4", input: "x", instructions: "be brief" });
    const [error] = await socket.waitFor((message) => message.type === "error");
    expect(error).toMatchObject({ status: 400, error: { param: "store", message: "Store must be set to false" } });
    socket.send({ type: "response.create", model: "gpt-5.4", input: "x", instructions: "be brief", store: false });
    await socket.waitFor(completed);
  });
});

describe("xai dialect", () => {
  it("rejects a second response.create while one is in flight with concurrent_response_limit", async () => {
    const socket = await open("xai");
    const long = { type: "response.create", model: "grok-4", input: "long", metadata: { emulator_text_deltas: "400" } };
    socket.send(long);
    socket.send({ ...long, input: "second" });
    const [error] = await socket.waitFor((message) => message.type === "error");
    expect(error?.["error"]).toMatchObject({ code: "concurrent_response_limit" });
    await socket.waitFor(completed);
    // Once the first finished, the connection takes a new response.
    socket.send({ ...long, input: "third", metadata: {} });
    await socket.waitFor(completed, 2);
  });

  it("openai queues the same case instead of rejecting it", async () => {
    const socket = await open("openai");
    const long = { type: "response.create", model: "gpt-5.4", input: "long", metadata: { emulator_text_deltas: "400" } };
    socket.send(long);
    socket.send({ ...long, input: "second" });
    await socket.waitFor(completed, 2);
    expect(socket.messages.some((message) => message.type === "error")).toBe(false);
  });
});

describe("lanes (stream_id)", () => {
  it("two response.create with the same stream_id run one after the other, never interleaved", async () => {
    const socket = await open("openai");
    const body = { type: "response.create", model: "gpt-5.4", stream_id: "lane-a", metadata: { emulator_text_deltas: "300" } };
    socket.send({ ...body, input: "first" });
    socket.send({ ...body, input: "second" });
    await socket.waitFor(completed, 2);
    const boundary = socket.messages.findIndex(completed);
    const sequence = socket.messages.map((message) => message["sequence_number"]);
    const count = (n: number): number[] => Array.from({ length: n }, (_, index) => index);
    // Interleaving would break one of the two 0,1,2,… runs.
    expect(sequence.slice(0, boundary + 1)).toEqual(count(boundary + 1));
    expect(sequence.slice(boundary + 1)).toEqual(count(socket.messages.length - boundary - 1));
    expect(socket.messages.filter((message) => message.type === "response.created")).toHaveLength(2);
    expect(socket.messages.every((message) => message["stream_id"] === "lane-a")).toBe(true);
  });

  it("different stream_ids run side by side", async () => {
    const socket = await open("openai");
    const body = { type: "response.create", model: "gpt-5.4", metadata: { emulator_text_deltas: "500" } };
    socket.send({ ...body, input: "first", stream_id: "a" });
    socket.send({ ...body, input: "second", stream_id: "b" });
    await socket.waitFor(completed, 2);
    const lanes = socket.messages.map((message) => message["stream_id"]);
    const firstCompleted = socket.messages.findIndex(completed);
    expect(lanes.slice(0, firstCompleted)).toContain("b");
  });
});

describe("continuations", () => {
  it("answers previous_response_not_found for an unknown id with store:false", async () => {
    const socket = await open("openai");
    socket.send({ type: "response.create", model: "gpt-5.4", input: "x", store: false, previous_response_id: "resp_unknown", stream_id: "s" });
    const [error] = await socket.waitFor((message) => message.type === "error");
    expect(error).toEqual({
      type: "error",
      status: 400,
      error: {
        type: "invalid_request_error",
        code: "previous_response_not_found",
        param: "previous_response_id",
        message: "Previous response with id 'resp_unknown' not found.",
      },
      stream_id: "s",
    });
  });

  it("a store:false response lives only on its connection", async () => {
    const first = await open("openai");
    first.send({ type: "response.create", model: "gpt-5.4", input: "x", store: false });
    const id = responseId((await first.waitFor(completed))[0]);
    const second = await open("openai");
    second.send({ type: "response.create", model: "gpt-5.4", input: "y", store: false, previous_response_id: id });
    const [error] = await second.waitFor((message) => message.type === "error");
    expect(error?.["error"]).toMatchObject({ code: "previous_response_not_found" });
    const http = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { model: "gpt-5.4", input: "z", previous_response_id: id } });
    expect(http.status).toBe(400);
  });

  it("a failed continuation evicts the id it continued from", async () => {
    const socket = await open("openai");
    socket.send({ type: "response.create", model: "gpt-5.4", input: "x", store: false });
    const id = responseId((await socket.waitFor(completed))[0]);
    emu.setFaults([{ kind: "error-event", code: "server_error", afterEvents: 2, times: 1 }]);
    socket.send({ type: "response.create", model: "gpt-5.4", input: "y", store: false, previous_response_id: id });
    await socket.waitFor((message) => message.type === "error");
    socket.send({ type: "response.create", model: "gpt-5.4", input: "z", store: false, previous_response_id: id });
    const errors = await socket.waitFor((message) => message.type === "error", 2);
    expect(errors[1]?.["error"]).toMatchObject({ code: "previous_response_not_found" });
  });

  it("generate:false returns a response id with no output, and the continuation sees its input", async () => {
    const socket = await open("openai");
    socket.send({ type: "response.create", model: "gpt-5.4", input: "warm up", store: false, generate: false });
    const [warm] = await socket.waitFor(completed);
    expect(socket.messages.map((message) => message.type)).toEqual(["response.created", "response.completed"]);
    expect((warm!["response"] as { output: unknown[] }).output).toEqual([]);
    socket.send({ type: "response.create", model: "gpt-5.4", store: false, previous_response_id: responseId(warm) });
    const [done] = await socket.waitFor(completed, 2).then((all) => all.slice(1));
    const output = (done!["response"] as { output: Array<{ content: Array<{ text: string }> }> }).output;
    expect(output[0]?.content[0]?.text).toBe("You said: warm up");
  });

  it("answers a non-JSON websocket message and an unknown event type with error events", async () => {
    const socket = await open("openai");
    socket.ws.send("{oops");
    socket.send({ type: "response.cancel" });
    const errors = await socket.waitFor((message) => message.type === "error", 2);
    expect(errors.map((error) => (error["error"] as { code: string }).code)).toEqual(["invalid_json", "unknown_event_type"]);
  });
});

describe("the scripted model", () => {
  it("gives the same output for the same input on both transports", async () => {
    const body = { model: "gpt-5.4", input: [{ role: "user", content: [{ type: "input_text", text: "same words" }] }] };
    const first = sseJson(await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { ...body, stream: true } }));
    const second = sseJson(await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { ...body, stream: true } }));
    const deltas = (events: typeof first): unknown[] => events.filter((event) => event.type.endsWith(".delta")).map((event) => event["delta"]);
    expect(deltas(first)).toEqual(deltas(second));
    const socket = await open("openai");
    socket.send({ type: "response.create", ...body });
    await socket.waitFor(completed);
    expect(deltas(socket.messages)).toEqual(deltas(first));
    expect((socket.messages.at(-1)!["response"] as { usage: unknown }).usage).toEqual((first.at(-1)!["response"] as { usage: unknown }).usage);
  });

  it("streams exactly metadata.emulator_text_deltas deltas of the configured size", async () => {
    const result = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, {
      body: { model: "gpt-5.4", input: "long", stream: true, metadata: { emulator_text_deltas: "2000", emulator_delta_size: "3" } },
    });
    const deltas = sseJson(result).filter((event) => event.type === "response.output_text.delta");
    expect(deltas).toHaveLength(2000);
    expect(deltas.every((event) => (event["delta"] as string).length === 3)).toBe(true);
  });

  it("uses the emulator-wide model options", async () => {
    const small = await startEmulator({ model: { textDeltas: 7, deltaSize: 1 } });
    try {
      const result = await httpRequest(`${small.endpoints.openai.baseUrl}/responses`, { body: { model: "gpt-5.4", input: "abc", stream: true } });
      const text = sseJson(result).find((event) => event.type === "response.output_text.done")?.["text"];
      expect(text).toBe("You sai");
    } finally {
      await small.close();
    }
  });

  it("rejects a bad metadata.emulator_text_deltas with 400", async () => {
    const result = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, {
      body: { model: "gpt-5.4", input: "x", metadata: { emulator_text_deltas: "lots" } },
    });
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text).error.param).toBe("metadata.emulator_text_deltas");
  });
});
