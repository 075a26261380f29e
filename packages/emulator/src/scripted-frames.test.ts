import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmulatorErrorCode, loadRecordedStream, loadWebSocketScenarios, recordedStreamNames, startEmulator, type Emulator } from "./index.js";
import { httpRequest, parseSse, sseJson, WireSocket } from "./test-support/wire.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

describe("the shared WebSocket fixture, served through script()", () => {
  const { scenarios } = loadWebSocketScenarios();

  it("ships the fixture's scenarios", () => {
    expect(scenarios.map((scenario) => scenario.id)).toContain("malformed_json");
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
  });

  for (const scenario of scenarios) {
    it(`serves ${scenario.id} exactly: the frames on the wire equal the fixture frames`, async () => {
      emu.script(
        scenario.turns.map((turn, index) => ({
          frames: turn.frames,
          ...(index === scenario.turns.length - 1 && scenario.close_code !== undefined ? { closeCode: scenario.close_code } : {}),
        })),
        { transport: "websocket" },
      );
      const socket = new WireSocket(emu.endpoints.openai.websocketUrl);
      try {
        await socket.opened;
        let expected: string[] = [];
        for (const turn of scenario.turns) {
          expected = [...expected, ...turn.frames.map((frame) => (typeof frame === "string" ? frame : JSON.stringify(frame)))];
          socket.send(turn.request);
          if (scenario.close_code === undefined || turn !== scenario.turns.at(-1)) {
            const deadline = Date.now() + 5_000;
            while (socket.raw.length < expected.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
          }
        }
        if (scenario.close_code !== undefined) expect((await socket.closed).code).toBe(scenario.close_code);
        expect(socket.raw).toEqual(expected);
      } finally {
        await socket.close();
      }
    });
  }
});

describe("recorded streams", () => {
  it("lists and loads the recorded streams with the event counts from the README", () => {
    expect(recordedStreamNames()).toEqual([
      "issue-19493-gpt-5.1-tool-call",
      "openai-error.1",
      "openai-issue-11239.2",
      "openai-response-failed-only.1",
      "openai-web-search-tool.1",
    ]);
    const counts = Object.fromEntries(recordedStreamNames().map((name) => [name, loadRecordedStream(name).events.length]));
    expect(counts).toEqual({
      "issue-19493-gpt-5.1-tool-call": 12,
      "openai-error.1": 4,
      "openai-issue-11239.2": 11,
      "openai-response-failed-only.1": 2,
      "openai-web-search-tool.1": 56,
    });
  });

  it("rejects an unknown recorded stream name with a coded error", () => {
    expect(() => loadRecordedStream("nope")).toThrow(expect.objectContaining({ code: EmulatorErrorCode.fixtureNotFound }));
  });

  it("serves a recorded stream over HTTP one byte per write, and it arrives intact", async () => {
    const { events } = loadRecordedStream("openai-web-search-tool.1");
    emu.script([{ frames: events, httpChunkBytes: 1 }], { transport: "http" });
    const result = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { model: "gpt-5-nano", input: "x", stream: true } });
    expect(result.status).toBe(200);
    expect(result.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(sseJson(result)).toEqual(events);
    expect(parseSse(result.text).map((event) => event.event)).toEqual(events.map((event) => event.type));
    // Many separate reads prove the body really went out in small writes.
    expect(result.chunkSizes.length).toBeGreaterThan(100);
    expect(result.text).toContain("’");
  });

  it("sends string frames raw and can destroy the socket after the frames", async () => {
    emu.script([{ frames: [{ type: "response.created", response: { id: "r" } }, "{not json"], destroy: true }]);
    const result = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { model: "m", input: "x", stream: true } });
    expect(result.text).toBe('event: response.created\ndata: {"type":"response.created","response":{"id":"r"}}\n\ndata: {not json\n\n');
    expect(result.aborted).toBe(true);
  });

  it("consumes scripted turns only for the matching profile, then falls back to the model", async () => {
    emu.script([{ frames: [{ type: "response.future_event" }] }], { profile: "xai" });
    const openai = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { model: "m", input: "x", stream: true } });
    expect(sseJson(openai).at(-1)?.type).toBe("response.completed");
    const xai = await httpRequest(`${emu.endpoints.xai.baseUrl}/responses`, { body: { model: "m", input: "x", stream: true } });
    expect(sseJson(xai)).toEqual([{ type: "response.future_event" }]);
    const again = await httpRequest(`${emu.endpoints.xai.baseUrl}/responses`, { body: { model: "m", input: "x", stream: true } });
    expect(sseJson(again).at(-1)?.type).toBe("response.completed");
  });

  it("rejects invalid scripted turns with a coded error", () => {
    expect(() => emu.script([{ frames: [42 as never] }])).toThrow(expect.objectContaining({ code: EmulatorErrorCode.scriptInvalid }));
    expect(() => emu.script([{ frames: [], closeCode: 1005 }])).toThrow(expect.objectContaining({ code: EmulatorErrorCode.scriptInvalid }));
    expect(() => emu.script([{ frames: [], httpChunkBytes: 0 }])).toThrow(expect.objectContaining({ code: EmulatorErrorCode.scriptInvalid }));
  });
});
