import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmulatorErrorCode, parseFaultSpec, startEmulator, type Emulator, type Fault } from "./index.js";
import { httpRequest, isTerminal, sseJson, WireSocket } from "./test-support/wire.js";

let emu: Emulator;
const sockets: WireSocket[] = [];
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((socket) => socket.close()));
  await emu.close();
});

function open(profile: "openai" | "xai" = "openai"): WireSocket {
  const socket = new WireSocket(emu.endpoints[profile].websocketUrl);
  sockets.push(socket);
  return socket;
}

const create = { type: "response.create", model: "gpt-5.4", input: "fault test" };
const post = (body: Record<string, unknown> = { model: "gpt-5.4", input: "fault test", stream: true }) =>
  httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body });

describe("upgrade-status", () => {
  it("rejects the websocket upgrade with the status and body, `times` times, then accepts", async () => {
    emu.setFaults([{ kind: "upgrade-status", status: 500, body: '{"boom":true}', transport: "websocket", times: 2 }]);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(open().opened).rejects.toMatchObject({ status: 500 });
    }
    await expect(open().opened).resolves.toBeUndefined();
    expect(emu.stats().profiles.openai.websocket).toMatchObject({ upgradesAttempted: 3, upgradesAccepted: 1 });
  });

  it("does not touch HTTP requests", async () => {
    emu.setFaults([{ kind: "upgrade-status", status: 500 }]);
    expect((await post()).status).toBe(200);
  });

  it("is scoped by profile", async () => {
    emu.setFaults([{ kind: "upgrade-status", status: 503, profile: "xai" }]);
    await expect(open("xai").opened).rejects.toMatchObject({ status: 503 });
    await expect(open("openai").opened).resolves.toBeUndefined();
  });
});

describe("refuse", () => {
  it("destroys the HTTP connection without a response", async () => {
    emu.setFaults([{ kind: "refuse", transport: "http", times: 1 }]);
    await expect(post()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await post()).status).toBe(200);
  });

  it("destroys the websocket upgrade without a response", async () => {
    emu.setFaults([{ kind: "refuse", transport: "websocket" }]);
    await expect(open().opened).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});

describe("http-status", () => {
  it("answers HTTP with the status, the error JSON and retry-after", async () => {
    emu.setFaults([{ kind: "http-status", status: 429, retryAfter: 7, times: 1 }]);
    const result = await post();
    expect(result.status).toBe(429);
    expect(result.headers["retry-after"]).toBe("7");
    expect(JSON.parse(result.text)).toEqual({
      error: { message: "Injected HTTP 429.", type: "rate_limit_error", param: null, code: "rate_limit_exceeded" },
    });
    expect((await post()).status).toBe(200);
  });

  it("answers a websocket response.create with an error event carrying the status", async () => {
    emu.setFaults([{ kind: "http-status", status: 503, code: "overloaded", message: "busy", times: 1 }]);
    const socket = open();
    await socket.opened;
    socket.send({ ...create, stream_id: "s1" });
    const [error] = await socket.waitFor((message) => message.type === "error");
    expect(error).toEqual({ type: "error", status: 503, error: { type: "server_error", code: "overloaded", message: "busy", param: null }, stream_id: "s1" });
    socket.send(create);
    await socket.waitFor((message) => message.type === "response.completed");
  });
});

describe("error-event", () => {
  it("over HTTP sends an error event then response.failed after N events", async () => {
    emu.setFaults([{ kind: "error-event", code: "server_is_overloaded", afterEvents: 3 }]);
    const events = sseJson(await post());
    expect(events.map((event) => event.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "error",
      "response.failed",
    ]);
    expect(events[3]).toMatchObject({ error: { code: "server_is_overloaded", type: "server_error" }, sequence_number: 3 });
    expect(events[4]).toMatchObject({ response: { status: "failed", error: { code: "server_is_overloaded" } }, sequence_number: 4 });
  });

  it("over WebSocket sends the error event and keeps the connection usable", async () => {
    emu.setFaults([{ kind: "error-event", code: "server_error", times: 1 }]);
    const socket = open();
    await socket.opened;
    socket.send(create);
    await socket.waitFor((message) => message.type === "error");
    expect(socket.messages.map((message) => message.type)).toEqual(["response.created", "response.in_progress", "error"]);
    socket.send(create);
    await socket.waitFor((message) => message.type === "response.completed");
  });
});

describe("cut", () => {
  it("closes the websocket with 1011 after N events by default", async () => {
    emu.setFaults([{ kind: "cut", afterEvents: 4 }]);
    const socket = open();
    await socket.opened;
    socket.send(create);
    expect((await socket.closed).code).toBe(1011);
    expect(socket.raw).toHaveLength(4);
  });

  it("closes the websocket with the given close code", async () => {
    emu.setFaults([{ kind: "cut", afterEvents: 1, closeCode: 4000 }]);
    const socket = open();
    await socket.opened;
    socket.send(create);
    expect((await socket.closed).code).toBe(4000);
  });

  it("destroys the websocket's TCP socket without a close frame", async () => {
    emu.setFaults([{ kind: "cut", afterEvents: 2, destroy: true }]);
    const socket = open();
    await socket.opened;
    socket.send(create);
    expect((await socket.closed).code).toBe(1006);
    expect(socket.raw).toHaveLength(2);
  });

  it("ends the HTTP body after N events without response.completed", async () => {
    emu.setFaults([{ kind: "cut", afterEvents: 5, transport: "http" }]);
    const result = await post();
    expect(result.aborted).toBe(false);
    expect(sseJson(result)).toHaveLength(5);
  });

  it("destroys the HTTP socket mid-body when destroy is set", async () => {
    emu.setFaults([{ kind: "cut", afterEvents: 2, destroy: true, transport: "http" }]);
    const result = await post();
    expect(result.aborted).toBe(true);
    expect(sseJson(result).map((event) => event.type)).toEqual(["response.created", "response.in_progress"]);
  });
});

describe("delay", () => {
  it("holds the first event over HTTP", async () => {
    emu.setFaults([{ kind: "delay", firstEventMs: 150 }]);
    const started = Date.now();
    const result = await post();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(sseJson(result).at(-1)?.type).toBe("response.completed");
  });

  it("spaces events over WebSocket", async () => {
    emu.setFaults([{ kind: "delay", betweenEventsMs: 20 }]);
    const socket = open();
    await socket.opened;
    const started = Date.now();
    socket.send({ ...create, input: "x" });
    const events = await socket.waitFor((message) => message.type === "response.completed");
    expect(events).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 * (socket.raw.length - 1) - 10);
  });
});

describe("forget-continuation", () => {
  it("makes the next websocket continuation miss with previous_response_not_found", async () => {
    const socket = open();
    await socket.opened;
    socket.send({ ...create, store: false });
    const [done] = await socket.waitFor((message) => message.type === "response.completed");
    const id = (done!["response"] as { id: string }).id;
    emu.setFaults([{ kind: "forget-continuation", times: 1 }]);
    socket.send({ ...create, store: false, previous_response_id: id });
    const [error] = await socket.waitFor((message) => message.type === "error");
    expect(error?.["error"]).toMatchObject({ code: "previous_response_not_found", param: "previous_response_id" });
  });

  it("makes the next HTTP continuation of a stored response miss with 400", async () => {
    const first = sseJson(await post({ model: "gpt-5.4", input: "a", stream: true }));
    const id = (first.at(-1)!["response"] as { id: string }).id;
    expect((await post({ model: "gpt-5.4", input: "b", stream: true, previous_response_id: id })).status).toBe(200);
    emu.setFaults([{ kind: "forget-continuation", transport: "http" }]);
    const missed = await post({ model: "gpt-5.4", input: "c", stream: true, previous_response_id: id });
    expect(missed.status).toBe(400);
    expect(JSON.parse(missed.text).error.code).toBe("previous_response_not_found");
  });
});

describe("connection-age", () => {
  it("ends a websocket with websocket_connection_limit_reached, then closes it", async () => {
    emu.setFaults([{ kind: "connection-age", maxAgeMs: 100 }]);
    const socket = open();
    await socket.opened;
    const { code } = await socket.closed;
    expect(socket.messages).toEqual([
      {
        type: "error",
        status: 400,
        error: {
          type: "invalid_request_error",
          code: "websocket_connection_limit_reached",
          message: "Responses websocket connection limit reached (100 ms). Create a new websocket connection to continue.",
          param: null,
        },
      },
    ]);
    expect(code).toBe(1000);
  });

  it("follows the per-profile connectionAgeMs option", async () => {
    const short = await startEmulator({ connectionAgeMs: { xai: 80 } });
    try {
      const xai = new WireSocket(short.endpoints.xai.websocketUrl);
      const openai = new WireSocket(short.endpoints.openai.websocketUrl);
      await Promise.all([xai.opened, openai.opened]);
      await xai.closed;
      expect(xai.messages[0]?.["error"]).toMatchObject({ code: "websocket_connection_limit_reached" });
      expect(openai.ws.readyState).toBe(openai.ws.OPEN);
      await openai.close();
    } finally {
      await short.close();
    }
  });
});

describe("bad fault specs", () => {
  const cases: Array<[string, unknown, string]> = [
    ["unknown kind", { kind: "explode" }, EmulatorErrorCode.faultUnknownKind],
    ["bad upgrade status", { kind: "upgrade-status", status: 200 }, EmulatorErrorCode.faultInvalidValue],
    ["bad http status", { kind: "http-status", status: 700 }, EmulatorErrorCode.faultInvalidValue],
    ["negative afterEvents", { kind: "cut", afterEvents: -1 }, EmulatorErrorCode.faultInvalidValue],
    ["negative delay", { kind: "delay", firstEventMs: -5 }, EmulatorErrorCode.faultInvalidValue],
    ["times 0", { kind: "refuse", times: 0 }, EmulatorErrorCode.faultInvalidValue],
    ["unsendable close code", { kind: "cut", afterEvents: 1, closeCode: 1006 }, EmulatorErrorCode.faultInvalidValue],
    ["error-event without code", { kind: "error-event" }, EmulatorErrorCode.faultInvalidValue],
    ["unknown key", { kind: "refuse", status: 500 }, EmulatorErrorCode.faultInvalidValue],
    ["unknown profile", { kind: "refuse", profile: "gemini" }, EmulatorErrorCode.faultUnknownScope],
    ["unknown transport", { kind: "refuse", transport: "grpc" }, EmulatorErrorCode.faultUnknownScope],
  ];
  for (const [name, fault, code] of cases) {
    it(`setFaults and startEmulator reject ${name} with ${code}`, async () => {
      expect(() => emu.setFaults([fault as Fault])).toThrow(expect.objectContaining({ code }));
      await expect(startEmulator({ faults: [fault as Fault] })).rejects.toMatchObject({ code });
    });
  }
});

describe("parseFaultSpec", () => {
  it("parses profile, transport, the kind's main value and options", () => {
    expect(parseFaultSpec("openai:websocket:upgrade-status=500,times=3")).toEqual({
      kind: "upgrade-status",
      profile: "openai",
      transport: "websocket",
      status: 500,
      times: 3,
    });
    expect(parseFaultSpec("http-status=429,retry-after=2,code=slow_down")).toEqual({
      kind: "http-status",
      profile: "*",
      transport: "*",
      status: 429,
      retryAfter: 2,
      code: "slow_down",
    });
    expect(parseFaultSpec("xai:cut=3,closeCode=1001,destroy=false")).toMatchObject({ profile: "xai", transport: "*", afterEvents: 3, closeCode: 1001, destroy: false });
    expect(parseFaultSpec("*:http:refuse")).toEqual({ kind: "refuse", profile: "*", transport: "http" });
  });

  const bad: Array<[string, string]> = [
    ["", EmulatorErrorCode.faultSpecSyntax],
    ["openai:websocket:explode", EmulatorErrorCode.faultUnknownKind],
    ["gemini:http:refuse", EmulatorErrorCode.faultUnknownScope],
    ["upgrade-status=abc", EmulatorErrorCode.faultSpecSyntax],
    ["refuse=1", EmulatorErrorCode.faultSpecSyntax],
    ["cut=2,destroy", EmulatorErrorCode.faultSpecSyntax],
    ["upgrade-status=99", EmulatorErrorCode.faultInvalidValue],
    ["delay,firstEventMs=-1", EmulatorErrorCode.faultSpecSyntax],
  ];
  for (const [spec, code] of bad) {
    it(`rejects ${JSON.stringify(spec)} with ${code}`, () => {
      expect(() => parseFaultSpec(spec)).toThrow(expect.objectContaining({ code, message: expect.stringContaining("Fix:") }));
    });
  }
});

it("isTerminal helper recognises terminal events", () => {
  expect(isTerminal({ type: "response.completed" })).toBe(true);
  expect(isTerminal({ type: "response.output_text.delta" })).toBe(false);
});
