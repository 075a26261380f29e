import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFaultSpec, startEmulator, type Emulator } from "./index.js";
import { httpRequest, sseJson, WireSocket } from "./test-support/wire.js";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

// What Codex CLI sends first on a websocket: an id-only warm-up.
const warmup = { type: "response.create", model: "gpt-5.4", input: "warm", generate: false };
const turn = { type: "response.create", model: "gpt-5.4", input: "the real turn" };

/** A warm-up that completes, then the real turn: resolves with the socket and what that turn got. */
async function warmUpThenTurn(): Promise<{ socket: WireSocket; error: Record<string, unknown> | undefined }> {
  const socket = new WireSocket(emu.endpoints.openai.websocketUrl);
  await socket.opened;
  socket.send(warmup);
  await socket.waitFor((message) => message.type === "response.completed");
  socket.send(turn);
  const [error] = await socket.waitFor((message) => message.type === "error");
  return { socket, error };
}

describe("response-level faults and warm-ups", () => {
  it("leaves a times-limited error-event for the real turn after a generate: false warm-up", async () => {
    emu.setFaults([{ kind: "error-event", code: "server_error", times: 1, transport: "websocket" }]);
    const { socket, error } = await warmUpThenTurn();
    expect(error).toMatchObject({ error: { code: "server_error" } });
    // Used up by the real turn: the next one completes.
    socket.send(turn);
    await socket.waitFor((message) => message.type === "response.completed", 2);
    await socket.close();
  });

  it("leaves a times-limited http-status for the real turn after a warm-up", async () => {
    emu.setFaults([{ kind: "http-status", status: 429, times: 1, transport: "websocket" }]);
    const { socket, error } = await warmUpThenTurn();
    expect(error).toMatchObject({ status: 429, error: { code: "rate_limit_exceeded" } });
    await socket.close();
  });

  it("lets a warm-up take the fault when the fault says warmups: true", async () => {
    emu.setFaults([parseFaultSpec("openai:websocket:error-event=server_error,times=1,warmups=true")]);
    const socket = new WireSocket(emu.endpoints.openai.websocketUrl);
    await socket.opened;
    socket.send(warmup);
    await socket.waitFor((message) => message.type === "error");
    socket.send(turn);
    await socket.waitFor((message) => message.type === "response.completed");
    await socket.close();
  });

  it("fires an error-event whose afterEvents lies beyond a short stream in place of its terminal event", async () => {
    emu.setFaults([{ kind: "error-event", code: "server_error", afterEvents: 500 }]);
    const result = await httpRequest(`${emu.endpoints.openai.baseUrl}/responses`, { body: { model: "gpt-5.4", input: "hi", stream: true } });
    const types = sseJson(result).map((event) => event.type);
    expect(types.slice(-2)).toEqual(["error", "response.failed"]);
    expect(types).toContain("response.output_text.done");
    expect(types).not.toContain("response.completed");
  });
});
