import { describe, expect, it } from "vitest";
import type { FailureContext } from "./errors.js";
import { createTurnControl } from "./turn-control.js";

const context: FailureContext = { transport: "http", provider: "openai", origin: "https://api.openai.com", eventsReceived: 0, api: "openai-responses", secrets: [] };

describe("a turn's signal (what undici and the websocket opener listen to)", () => {
  it("calls every listener once, in the order added, when the caller aborts; a removed one is not called", () => {
    const caller = new AbortController();
    const control = createTurnControl(context, undefined, caller.signal);
    const calls: string[] = [];
    const first = () => calls.push("first");
    const removed = () => calls.push("removed");
    control.signal.addEventListener("abort", first);
    control.signal.addEventListener("abort", removed);
    control.signal.addEventListener("abort", () => calls.push("third"));
    control.signal.addEventListener("abort", first);
    control.signal.removeEventListener("abort", removed);
    expect(control.signal.aborted).toBe(false);
    caller.abort(new Error("user pressed stop"));
    expect(calls).toEqual(["first", "third"]);
    expect(control.signal.aborted).toBe(true);
    expect(control.signal.reason).toMatchObject({ code: "SY_ERR_TRANSPORT_ABORTED" });
    caller.abort();
    expect(calls).toEqual(["first", "third"]);
    control.dispose();
  });

  it("keeps later listeners after the first is removed, and calls them when a stage times out", async () => {
    const control = createTurnControl(context, { connectMs: 20 }, undefined);
    const calls: string[] = [];
    const first = () => calls.push("first");
    const fired = new Promise<void>((resolve) => {
      control.signal.addEventListener("abort", first);
      control.signal.addEventListener("abort", () => {
        calls.push("second");
        resolve();
      });
    });
    control.signal.removeEventListener("abort", first);
    control.enter("connect");
    await fired;
    expect(calls).toEqual(["second"]);
    expect(control.interruption).toMatchObject({ code: "SY_ERR_TRANSPORT_TIMEOUT" });
    control.dispose();
  });
});
