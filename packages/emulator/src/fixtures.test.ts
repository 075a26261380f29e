import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadRecordedStream, loadWebSocketScenarios } from "./index.js";

describe("fixture loaders", () => {
  it("split recorded files on \\n and keep each line byte for byte", () => {
    const stream = loadRecordedStream("openai-issue-11239.2");
    expect(stream.lines).toHaveLength(11);
    expect(stream.events.map((event) => event["sequence_number"])).toEqual(Array.from({ length: 11 }, (_, index) => index));
    expect(JSON.parse(stream.lines[0] ?? "")).toEqual(stream.events[0]);
  });

  it("keep raw string frames of the WebSocket fixture as strings", () => {
    const malformed = loadWebSocketScenarios().scenarios.find((scenario) => scenario.id === "malformed_json");
    expect(malformed?.turns[0]?.frames.some((frame) => typeof frame === "string")).toBe(true);
  });

  it("work from the built dist/ (the package's entry point), not only from src/", () => {
    const entry = new URL("../dist/index.js", import.meta.url);
    expect(existsSync(entry), "build first: pnpm exec tsc -b packages/emulator").toBe(true);
    const script = `import(${JSON.stringify(entry.href)}).then((m) => console.log(JSON.stringify([m.recordedStreamNames().length, m.loadWebSocketScenarios().scenarios.length, m.loadRecordedStream("openai-error.1").events.length])))`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(JSON.parse(output)).toEqual([5, loadWebSocketScenarios().scenarios.length, 4]);
  });
});
