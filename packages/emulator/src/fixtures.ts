/**
 * Wire fixtures shipped with the package: the OpenAI SDKs' shared WebSocket scenarios and real
 * recorded Responses streams. Read from src/__fixtures__ both from src and from dist (the path
 * goes up to the package root first), so nothing outside the package is read.
 */
import { readdirSync, readFileSync } from "node:fs";
import { EmulatorError, EmulatorErrorCode } from "./errors.js";

const fixturesDir = new URL("../src/__fixtures__/", import.meta.url);
const recordedDir = new URL("recorded/", fixturesDir);
const recordedSuffix = ".chunks.txt";

export interface WebSocketScenarioTurn {
  request: Record<string, unknown>;
  frames: Array<Record<string, unknown> | string>;
}

export interface WebSocketScenario {
  id: string;
  turns: WebSocketScenarioTurn[];
  /** When set, the server closes with this code after the last turn's frames. */
  close_code?: number;
}

export interface WebSocketScenarios {
  version: number;
  source: string;
  scenarios: WebSocketScenario[];
}

/** The shared WebSocket scenarios (openai-python tests/lib/responses/fixtures/websocket_scenarios.json). */
export function loadWebSocketScenarios(): WebSocketScenarios {
  return JSON.parse(readFileSync(new URL("openai-websocket-scenarios.json", fixturesDir), "utf8")) as WebSocketScenarios;
}

/** Names of the recorded streams, e.g. "openai-error.1" (file name without ".chunks.txt"). */
export function recordedStreamNames(): string[] {
  return readdirSync(recordedDir)
    .filter((file) => file.endsWith(recordedSuffix))
    .map((file) => file.slice(0, -recordedSuffix.length))
    .sort();
}

/**
 * One recorded stream: the raw lines (each the JSON data of one event, as recorded) and the parsed
 * events. Throws SY_ERR_EMULATOR_FIXTURE_NOT_FOUND for an unknown name.
 */
export function loadRecordedStream(name: string): { name: string; lines: string[]; events: Array<Record<string, unknown> & { type: string }> } {
  const names = recordedStreamNames();
  if (!names.includes(name)) {
    throw new EmulatorError(EmulatorErrorCode.fixtureNotFound, `No recorded stream named "${name}".`, `Use one of: ${names.join(", ")}.`);
  }
  const text = readFileSync(new URL(`${name}${recordedSuffix}`, recordedDir), "utf8");
  // Some files end with a newline and some do not (see recorded/README.md).
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return { name, lines, events: lines.map((line) => JSON.parse(line) as Record<string, unknown> & { type: string }) };
}
