import { afterEach, describe, expect, it } from "vitest";
import type { UnifiedEvent } from "@switchyard/sdk";
import { collect, startRig, textOf, TOOLS, types, type Rig } from "./test-support/rig.js";

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const INSTRUCTIONS = "You are a terse assistant.";

/** Three turns: a question that names a tool, the tool result, a follow-up. Returns each turn's events. */
async function threeTurns(r: Rig, ref: string, transport?: "http" | "websocket") {
  const session = r.host.session(ref, { instructions: INSTRUCTIONS, tools: TOOLS, ...(transport ? { transport } : {}) });
  const turns: UnifiedEvent[][] = [];
  const first = await collect(session.send("Please call get_weather for Paris"));
  expect(first.error).toBeUndefined();
  turns.push(first.events);
  const call = first.events.find((event) => event.type === "tool-call-end");
  expect(call).toMatchObject({ type: "tool-call-end", name: "get_weather" });
  if (call?.type !== "tool-call-end") throw new Error("no tool call");
  const second = await collect(session.send([{ type: "function_call_output", call_id: call.callId, output: '{"temperature":"18C"}' }]));
  expect(second.error).toBeUndefined();
  turns.push(second.events);
  const third = await collect(session.send("Thanks, and tomorrow?"));
  expect(third.error).toBeUndefined();
  turns.push(third.events);
  return { turns, session };
}

describe("sessions against the emulator", () => {
  it("continues a 3-turn tool conversation on openai over websocket with previous_response_id and only the new items", async () => {
    rig = await startRig();
    const { turns, session } = await threeTurns(rig, "openai/gpt-5.4");
    for (const events of turns) expect(events[0]).toMatchObject({ type: "response-start", transport: "websocket" });
    expect(turns.map((events) => (events[0] as { input: string }).input)).toEqual(["full", "continuation", "continuation"]);
    expect(types(turns[0]!)).toEqual(expect.arrayContaining(["tool-call-start", "tool-call-delta", "tool-call-end", "response-end"]));
    expect(textOf(turns[1]!)).toContain("18C");
    const log = rig.emu.stats().requests.filter((r) => r.profile === "openai");
    expect(log.map((r) => [r.transport, r.previousResponseId, r.inputItems])).toEqual([
      ["websocket", false, 1],
      ["websocket", true, 1],
      ["websocket", true, 1],
    ]);
    expect(rig.emu.stats().profiles.openai.websocket.upgradesAccepted).toBe(1);
    expect(session.items().map((item) => item.type)).toEqual(["message", "function_call", "function_call_output", "message", "message", "message"]);
  });

  it("gives the same text over HTTP, which resends the full conversation each turn", async () => {
    rig = await startRig();
    const ws = await threeTurns(rig, "openai/gpt-5.4");
    const http = await threeTurns(rig, "openai/gpt-5.4", "http");
    for (let i = 0; i < 3; i++) expect(textOf(http.turns[i]!)).toBe(textOf(ws.turns[i]!));
    expect(http.turns[0]![0]).toMatchObject({ transport: "http", input: "full" });
    const log = rig.emu.stats().requests.filter((r) => r.transport === "http");
    expect(log.map((r) => [r.previousResponseId, r.inputItems])).toEqual([
      [false, 1],
      [false, 3],
      [false, 5],
    ]);
    expect(log.every((r) => r.store === false)).toBe(true);
  });

  it("runs the conversation on openai-codex over its websocket, continuing with store false", async () => {
    rig = await startRig();
    const { turns } = await threeTurns(rig, "openai-codex/gpt-5.4-codex");
    expect(turns.map((events) => events[0])).toEqual([
      expect.objectContaining({ transport: "websocket", input: "full", model: "gpt-5.4" }),
      expect.objectContaining({ transport: "websocket", input: "continuation" }),
      expect.objectContaining({ transport: "websocket", input: "continuation" }),
    ]);
    const log = rig.emu.stats().requests.filter((r) => r.profile === "openai-codex");
    expect(log.map((r) => [r.transport, r.store])).toEqual([
      ["websocket", false],
      ["websocket", false],
      ["websocket", false],
    ]);
  });

  it("runs the conversation on openai-codex over HTTP with store false and the instructions the dialect requires", async () => {
    rig = await startRig({ config: { "openai-codex": { transport: "http" } } });
    const { turns } = await threeTurns(rig, "openai-codex/gpt-5.4-codex");
    expect(turns[0]![0]).toMatchObject({ type: "response-start", transport: "http", model: "gpt-5.4" });
    const log = rig.emu.stats().requests.filter((r) => r.profile === "openai-codex");
    expect(log.map((r) => [r.transport, r.store, r.inputItems])).toEqual([
      ["http", false, 1],
      ["http", false, 3],
      ["http", false, 5],
    ]);
  });

  it("refuses a codex turn without instructions before anything is sent", async () => {
    rig = await startRig();
    const { error } = await collect(rig.host.session("openai-codex/gpt-5.4").send("hi"));
    expect(error).toMatchObject({ code: "SY_ERR_CODEX_INSTRUCTIONS_REQUIRED", details: { extension: "openai-codex", hook: "shapeRequest" } });
    expect(rig.emu.stats().requests).toEqual([]);
  });

  it("runs the conversation on xai over websocket", async () => {
    rig = await startRig();
    const { turns } = await threeTurns(rig, "xai/grok-4");
    expect(turns.map((events) => events[0])).toEqual([
      expect.objectContaining({ transport: "websocket", input: "full" }),
      expect.objectContaining({ transport: "websocket", input: "continuation" }),
      expect.objectContaining({ transport: "websocket", input: "continuation" }),
    ]);
    expect(rig.emu.stats().profiles.xai.websocket.requests).toBe(3);
  });

  it("replays the full conversation transparently when the server forgot the previous response", async () => {
    rig = await startRig();
    const session = rig.host.session("openai/gpt-5.4", { instructions: INSTRUCTIONS });
    expect((await collect(session.send("one"))).error).toBeUndefined();
    rig.emu.setFaults([{ kind: "forget-continuation", profile: "openai", times: 1 }]);
    const second = await collect(session.send("two"));
    expect(second.error).toBeUndefined();
    expect(second.events[0]).toMatchObject({ type: "response-start", input: "full" });
    expect(textOf(second.events).length).toBeGreaterThan(0);
    const third = await collect(session.send("three"));
    expect(third.events[0]).toMatchObject({ input: "continuation" });
    const log = rig.emu.stats().requests.map((r) => [r.previousResponseId, r.inputItems]);
    expect(log).toEqual([
      [false, 1],
      [true, 1],
      [false, 3],
      [true, 1],
    ]);
  });

  it("reconnects and replays when the connection age limit ends the connection mid-session", async () => {
    rig = await startRig({ emulator: { connectionAgeMs: { openai: 300 } } });
    const session = rig.host.session("openai/gpt-5.4", { instructions: INSTRUCTIONS });
    expect((await collect(session.send("one"))).error).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const second = await collect(session.send("two"));
    expect(second.error).toBeUndefined();
    expect(second.events[0]).toMatchObject({ input: "full", transport: "websocket" });
    expect(rig.emu.stats().profiles.openai.websocket.upgradesAccepted).toBe(2);
  });

  it("reports every unified event to named event taps", async () => {
    rig = await startRig();
    const seen: string[] = [];
    rig.host.hooks.event.tap("recorder", (event) => void seen.push(event.type));
    const { events } = await collect(rig.host.session("openai/gpt-5.4").send("hello"));
    expect(seen).toEqual(types(events));
  });

  it("lets a beforeRequest tap adjust the body that goes on the wire", async () => {
    rig = await startRig();
    rig.host.hooks.beforeRequest.tap("tag-metadata", (body) => ({ ...body, metadata: { emulator_text_deltas: "3" } }));
    const { events } = await collect(rig.host.session("openai/gpt-5.4", { transport: "http" }).send("count my deltas please"));
    expect(events.filter((event) => event.type === "text-delta")).toHaveLength(3);
  });
});

describe("stateless reasoning", () => {
  it("carries reasoning with encrypted content into the next full resend, without its unstored id", async () => {
    rig = await startRig();
    const response = { id: "resp_r1", object: "response", model: "gpt-5.4", status: "completed", output: [], usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 } };
    rig.emu.script(
      [
        {
          frames: [
            { type: "response.created", sequence_number: 0, response: { ...response, status: "in_progress" } },
            {
              type: "response.output_item.done",
              sequence_number: 1,
              output_index: 0,
              item: { id: "rs_1", type: "reasoning", summary: [{ type: "summary_text", text: "weighing options" }], encrypted_content: "gAAAA-opaque" },
            },
            { type: "response.output_text.done", sequence_number: 2, item_id: "msg_1", output_index: 1, content_index: 0, text: "Done." },
            { type: "response.completed", sequence_number: 3, response },
          ],
        },
      ],
      { profile: "openai", transport: "http" },
    );
    const session = rig.host.session("openai/gpt-5.4", { transport: "http" });
    const first = await collect(session.send("think first"));
    expect(first.events.find((event) => event.type === "reasoning-end")).toEqual({
      type: "reasoning-end",
      itemId: "rs_1",
      summary: "weighing options",
      encryptedContent: "gAAAA-opaque",
    });
    expect(session.items()[1]).toEqual({ type: "reasoning", summary: [{ type: "summary_text", text: "weighing options" }], encrypted_content: "gAAAA-opaque" });
    await collect(session.send("and then?"));
    expect(rig.emu.stats().requests.map((r) => r.inputItems)).toEqual([1, 4]);
  });
});
