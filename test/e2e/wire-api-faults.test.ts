import type { ProfileName } from "@switchyard/emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collect as outcome, SECRET, startRig, TOOLS, type Rig } from "./test-support/rig.js";

let rig: Rig;
beforeEach(async () => {
  const idle = { timeouts: { idleMs: 150 } };
  rig = await startRig({ config: { anthropic: idle, "openai-compatible-chat": idle } });
});
afterEach(async () => {
  await rig.close();
});

const DIALECTS: ReadonlyArray<{ ref: string; profile: ProfileName }> = [
  { ref: "anthropic/claude-sonnet-4-5", profile: "anthropic" },
  { ref: "openai-compatible-chat/llama3.2:3b", profile: "openai" },
];

describe.each(DIALECTS)("faults on $ref", ({ ref, profile }) => {
  it("a stream cut after three events is SY_ERR_TRANSPORT_CLOSED_EARLY after the first event, and the conversation is unchanged", async () => {
    rig.emu.setFaults([{ profile, transport: "http", kind: "cut", afterEvents: 3, destroy: true, times: 1 }]);
    const session = rig.host.session(ref);
    const { events, error } = await outcome(session.send("hello there friend"));
    expect(events.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_CLOSED_EARLY", details: { transport: "http", phase: "after-first-event" } });
    expect(session.items()).toEqual([]);
    expect((await outcome(session.send("hello again"))).error).toBeUndefined();
  });

  it("a server that stalls between events trips the idle timeout with a coded error", async () => {
    rig.emu.setFaults([{ profile, transport: "http", kind: "delay", betweenEventsMs: 400, times: 1 }]);
    const { error } = await outcome(rig.host.session(ref).send("hello"));
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_TIMEOUT", details: { timeout: "idle" } });
  });

  it("a refused connection is a coded error that names the provider and never the key", async () => {
    rig.emu.setFaults([{ profile, transport: "http", kind: "refuse", times: 1 }]);
    const { error } = await outcome(rig.host.session(ref).send("hello"));
    expect(error?.code).toMatch(/^SY_ERR_TRANSPORT_(CONNECT_FAILED|CLOSED_EARLY)$/);
    expect(error?.message).toContain(ref.split("/")[0] as string);
    expect(JSON.stringify({ message: error?.message, details: error?.details })).not.toContain(SECRET);
  });

  it("an injected 429 keeps the server's retry-after for the caller", async () => {
    rig.emu.setFaults([{ profile, transport: "http", kind: "http-status", status: 429, retryAfter: 7, times: 1 }]);
    const { error } = await outcome(rig.host.session(ref, { tools: TOOLS }).send("hello"));
    expect(error).toMatchObject({ code: "SY_ERR_TRANSPORT_HTTP_STATUS", details: { status: 429, retryAfterMs: 7000 } });
  });
});

describe("conversation items are api-neutral", () => {
  it("a conversation held on openai continues on anthropic from its items", async () => {
    const openai = rig.host.session("openai/gpt-5.4", { tools: TOOLS });
    const first = await outcome(openai.send("What is the weather in Paris? Use get_weather."));
    const call = first.events.find((event) => event.type === "tool-call-end");
    if (call?.type !== "tool-call-end") throw new Error("no tool call");
    await outcome(openai.send([{ type: "function_call_output", call_id: call.callId, output: '{"forecast":"rain"}' }]));
    const claude = rig.host.session("anthropic/claude-sonnet-4-5", { tools: TOOLS });
    const moved = await outcome(claude.send([...openai.items(), { role: "user", content: "Thanks, bye." }]));
    expect(moved.error).toBeUndefined();
    expect(moved.events.find((event) => event.type === "text-end")).toMatchObject({ text: "You said: Thanks, bye." });
    // user, assistant tool_use, user tool_result, assistant text, user: five Messages from four Responses items and one new.
    expect(rig.emu.stats().requests.at(-1)).toMatchObject({ profile: "anthropic", path: "/anthropic/v1/messages", inputItems: 5 });
  });
});
