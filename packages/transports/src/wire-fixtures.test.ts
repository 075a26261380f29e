import { loadRecordedStream, loadWebSocketScenarios, recordedStreamNames, type ScriptedTurn } from "@switchyard/emulator";
import type { UnifiedEvent } from "@switchyard/sdk";
import { describe, expect, it } from "vitest";
import { createHttpTransport } from "./http-transport.js";
import { collect, comparable, turnFor, useEmulator, type Collected } from "./test-support/harness.js";
import { createWebSocketTransport } from "./websocket-transport.js";

const harness = useEmulator();

type Outcome = { types: UnifiedEvent["type"][]; code?: string; details?: Record<string, unknown>; check?: (events: UnifiedEvent[]) => void };

function expectOutcome(result: Collected, outcome: Outcome): void {
  expect(result.events.map((event) => event.type)).toEqual(outcome.types);
  if (outcome.code === undefined) expect(result.error).toBeUndefined();
  else {
    expect(result.error?.code).toBe(outcome.code);
    expect(result.error?.details).toMatchObject({ eventsReceived: outcome.types.length, ...outcome.details });
  }
  outcome.check?.(result.events);
}

const completed: Outcome = { types: ["response-start", "response-end"] };

/** What each turn of the OpenAI SDKs' shared WebSocket scenarios must give. */
const SCENARIOS: Record<string, Outcome[]> = {
  completed_then_completed: [
    {
      types: ["response-start", "text-delta", "response-end"],
      check: (events) => expect(events[1]).toEqual({ type: "text-delta", itemId: "msg_test", delta: "Synthetic text" }),
    },
    { ...completed, check: (events) => expect(events[0]).toMatchObject({ input: "continuation", responseId: "resp_second" }) },
  ],
  failed_then_completed: [
    {
      types: ["response-start", "response-end"],
      code: "SY_ERR_TRANSPORT_RESPONSE_FAILED",
      details: { serverCode: "server_error", phase: "after-first-event", fallbackWorthy: false },
      check: (events) =>
        expect(events[1]).toMatchObject({ status: "failed", error: { code: "server_error", message: "Synthetic failure" } }),
    },
    completed,
  ],
  incomplete_then_completed: [
    {
      types: ["response-start", "response-end"],
      check: (events) => expect(events[1]).toMatchObject({ status: "incomplete", incompleteReason: "max_output_tokens" }),
    },
    completed,
  ],
  nested_error_then_completed: [
    {
      types: [],
      code: "SY_ERR_TRANSPORT_SERVER_ERROR",
      details: { serverCode: "invalid_value", status: 400, phase: "before-first-event" },
    },
    completed,
  ],
  unknown_event_and_fields: [completed],
  premature_close_1000: [
    { types: ["response-start"], code: "SY_ERR_TRANSPORT_CLOSED_EARLY", details: { closeCode: 1000, fallbackWorthy: false } },
  ],
  premature_close_1011: [
    { types: ["response-start"], code: "SY_ERR_TRANSPORT_CLOSED_EARLY", details: { closeCode: 1011, phase: "after-first-event" } },
  ],
  malformed_json: [{ types: ["response-start"], code: "SY_ERR_TRANSPORT_MALFORMED_FRAME", details: { fallbackWorthy: false } }],
};

describe("OpenAI SDKs' WebSocket scenarios, served by the emulator's script mode", () => {
  const { scenarios } = loadWebSocketScenarios();

  it("covers every scenario of the fixture", () => {
    expect(scenarios.map((scenario) => scenario.id).sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  it.each(scenarios.map((scenario) => [scenario.id, scenario] as const))("%s", async (id, scenario) => {
    const ws = harness.track(createWebSocketTransport());
    const turns: ScriptedTurn[] = scenario.turns.map((turn, index) => ({
      frames: turn.frames,
      ...(index === scenario.turns.length - 1 && scenario.close_code !== undefined ? { closeCode: scenario.close_code } : {}),
    }));
    harness.emulator.script(turns, { profile: "openai", transport: "websocket" });
    let previousResponseId: string | undefined;
    for (const [index, outcome] of (SCENARIOS[id] ?? []).entries()) {
      const items = [{ role: "user" as const, content: `turn ${index}` }];
      const request = turnFor(harness.emulator, "websocket", {
        input: { items, newItems: items, ...(previousResponseId ? { previousResponseId } : {}) },
      });
      const result = await collect(ws.stream(request));
      expectOutcome(result, outcome);
      const start = result.events[0];
      if (start?.type === "response-start") previousResponseId = start.responseId;
    }
  });
});

/** What each recorded stream must give, over both transports. */
const RECORDED: Record<string, Outcome> = {
  "issue-19493-gpt-5.1-tool-call": {
    types: ["response-start", "tool-call-start", ...Array<"tool-call-delta">(6).fill("tool-call-delta"), "tool-call-end", "response-end"],
    check(events) {
      const end = events.find((event) => event.type === "tool-call-end");
      if (end?.type !== "tool-call-end") throw new Error("no tool-call-end");
      const deltas = events.flatMap((event) => (event.type === "tool-call-delta" ? [event.delta] : [])).join("");
      expect(deltas).toBe(end.arguments);
      expect(events.at(-1)).toMatchObject({ status: "completed", usage: { inputTokens: 45, outputTokens: 25, totalTokens: 70 } });
    },
  },
  "openai-error.1": {
    types: ["response-start"],
    code: "SY_ERR_TRANSPORT_SERVER_ERROR",
    details: { serverCode: "insufficient_quota", phase: "after-first-event" },
  },
  "openai-issue-11239.2": {
    types: ["response-start", "text-delta", "text-delta", "text-delta", "text-end", "response-end"],
    check(events) {
      expect(events[4]).toMatchObject({ type: "text-end", text: "blue-42" });
      expect(events.at(-1)).toMatchObject({ usage: { inputTokens: 91, outputTokens: 7, totalTokens: 98, cachedInputTokens: 0 } });
    },
  },
  "openai-response-failed-only.1": {
    types: ["response-start", "response-end"],
    code: "SY_ERR_TRANSPORT_RESPONSE_FAILED",
    details: { serverCode: "rate_limit_exceeded" },
  },
  "openai-web-search-tool.1": {
    // Five reasoning items with empty summaries and no encrypted content; web_search_call items are not modelled.
    types: ["response-start", ...Array<"reasoning-end">(5).fill("reasoning-end"), ...Array<"text-delta">(12).fill("text-delta"), "text-end", "response-end"],
    check(events) {
      for (const event of events) if (event.type === "reasoning-end") expect(event).toMatchObject({ summary: "", encryptedContent: undefined });
      const text = events.flatMap((event) => (event.type === "text-delta" ? [event.delta] : [])).join("");
      expect(events.at(-2)).toMatchObject({ type: "text-end", text });
      expect(text).toContain("Berlin Art Week 2025");
      expect(text).toContain("’");
    },
  },
};

describe("recorded OpenAI streams replayed through both transports", () => {
  it("covers every recorded stream the emulator ships", () => {
    expect(recordedStreamNames().sort()).toEqual(Object.keys(RECORDED).sort());
  });

  it.each(recordedStreamNames())("%s gives the same events over WebSocket and HTTP, however the bytes are split", async (name) => {
    const outcome = RECORDED[name];
    if (!outcome) throw new Error(`no expectation for ${name}`);
    const frames = loadRecordedStream(name).events;
    const http = harness.track(createHttpTransport());
    const ws = harness.track(createWebSocketTransport());
    const results: Collected[] = [];
    harness.emulator.script([{ frames }], { profile: "openai", transport: "websocket" });
    results.push(await collect(ws.stream(turnFor(harness.emulator, "websocket"))));
    for (const httpChunkBytes of [1, 7, undefined]) {
      harness.emulator.script([{ frames, ...(httpChunkBytes ? { httpChunkBytes } : {}) }], { profile: "openai", transport: "http" });
      results.push(await collect(http.stream(turnFor(harness.emulator, "http"))));
    }
    for (const result of results) expectOutcome(result, outcome);
    const [reference, ...others] = results.map((result) => ({
      events: comparable(result.events),
      code: result.error?.code,
      serverCode: result.error?.details?.serverCode,
    }));
    for (const other of others) expect(other).toEqual(reference);
    // Recorded ids are stable, so the unmasked events match too (apart from the transport name).
    expect(results[1]?.events.map((event) => ({ ...event, transport: "-" }))).toEqual(
      results[0]?.events.map((event) => ({ ...event, transport: "-" })),
    );
  });
});
