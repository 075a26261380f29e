/**
 * Replays every request real clients sent (fixtures/requests.json, recorded by a logging proxy,
 * see fixtures/README.md) against the matching emulator profile, and asserts each is admitted —
 * or refused exactly as the real service refuses it. The refusals are listed by hand from the
 * services' rules, not computed by the emulator's own code.
 */
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { WebSocket } from "ws";
import { describe, expect, it } from "vitest";
import { useEmulator } from "./support.js";

interface RecordedHttp {
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  bodyEncoding?: string;
}
interface RecordedWs {
  upgrade: { path: string; headers: Record<string, string> };
  messages: Array<Record<string, unknown>>;
}
type Runs = Record<string, { http?: RecordedHttp[]; ws?: RecordedWs[] }>;

const runs = JSON.parse(readFileSync(new URL("./fixtures/requests.json", import.meta.url), "utf8")) as Runs;
// Codex CLI's ChatGPT-mode body as it went on the wire; the proxy could not log it as JSON.
const emulatorFolder = dirname(createRequire(import.meta.url).resolve("@switchyard/emulator/package.json"));
const zstdBody = readFileSync(join(emulatorFolder, "src/__fixtures__/real-clients/codex-http-body.json.zst"));

const STORE = "Store must be set to false";
const STREAM = "Stream must be set to true";
/** What the ChatGPT backend answers, per run and request index; every other request is admitted. */
const refused: Record<string, Record<number, string>> = {
  "agents-codex-http-stream": { 0: STORE },
  "agents-codex-http-nostream": { 0: STORE },
  "agents-codex-http-nostream-codexsettings": { 0: STREAM },
  "aisdk-codex-notool": { 0: STORE },
  "aisdk-codex-tool": { 0: STORE },
  "aisdk-codex-generate": { 0: STORE },
  "aisdk-codex-generate-codexsettings": { 0: STREAM },
  "agents-codex-ws-stream": { 0: STORE },
  "agents-codex-ws-nostream": { 0: STORE },
};

const emu = useEmulator();

/** The recorded headers as a client would send them here: real credentials for masked ones. */
function replayHeaders(recorded: Record<string, string>): Record<string, string> {
  const skip = new Set(["host", "content-length", "connection", "upgrade", "content-encoding"]);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(recorded)) {
    // The recording cut long values (and marked them with non-ASCII): those headers stay out.
    if (skip.has(name) || name.startsWith("sec-websocket-") || value.includes("[cut;")) continue;
    headers[name] = value.includes("‹masked›") ? "replayed" : value;
  }
  headers["authorization"] = "Bearer replay-key";
  return headers;
}

function post(path: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${emu.current.url}${path}`, { method: "POST", headers: { ...headers, "content-length": String(body.length) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const terminal = new Set(["response.completed", "response.incomplete", "response.failed", "error"]);
const lastEvent = (text: string): Record<string, any> | undefined =>
  text
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => JSON.parse(line.slice(6)) as Record<string, any>)
    .at(-1);

const httpCases = Object.entries(runs).flatMap(([run, record]) => (record.http ?? []).map((recorded, index) => ({ name: `${run} request ${index + 1}`, run, index, recorded })));
const wsCases = Object.entries(runs).flatMap(([run, record]) => (record.ws ?? []).map((recorded) => ({ run, recorded })));

describe("every recorded HTTP request", () => {
  it.each(httpCases)("$name is answered as the real service would", async ({ run, index, recorded }) => {
    const compressed = recorded.bodyEncoding === "zstd";
    const headers = { ...replayHeaders(recorded.headers), ...(compressed ? { "content-encoding": "zstd" } : {}), "content-type": "application/json" };
    const { status, text } = await post(recorded.path, headers, compressed ? zstdBody : Buffer.from(JSON.stringify(recorded.body)));
    const refusal = refused[run]?.[index];
    if (refusal) {
      expect(status).toBe(400);
      expect(JSON.parse(text)).toEqual({ detail: refusal });
      return;
    }
    expect(status, text.slice(0, 300)).toBe(200);
    const final = compressed || recorded.body["stream"] === true ? lastEvent(text)?.["response"] : JSON.parse(text);
    expect(["completed", "incomplete"]).toContain(final?.["status"]);
    if (run === "codex-openai-http-custom-tool") expect(final?.["output"].at(-1)).toMatchObject({ type: "custom_tool_call", name: "apply_patch" });
  });
});

describe("every recorded websocket session", () => {
  it.each(wsCases)("$run is upgraded and each message answered as the real service would", async ({ run, recorded }) => {
    const socket = new WebSocket(`${emu.current.url.replace(/^http/, "ws")}${recorded.upgrade.path}`, { headers: replayHeaders(recorded.upgrade.headers) });
    const received: Array<Record<string, any>> = [];
    let wake: () => void = () => undefined;
    socket.on("message", (data) => {
      received.push(JSON.parse(data.toString()) as Record<string, any>);
      wake();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    if (recorded.upgrade.headers["sec-websocket-extensions"]?.includes("permessage-deflate")) expect(socket.extensions).toContain("permessage-deflate");
    let previousId: string | undefined;
    for (const [index, message] of recorded.messages.entries()) {
      const start = received.length;
      // Response ids differ from the recording's: a continuation points at the one just answered.
      const body = message["previous_response_id"] === undefined ? message : { ...message, previous_response_id: previousId };
      socket.send(JSON.stringify(body));
      while (!received.slice(start).some((event) => terminal.has(event["type"]))) await new Promise<void>((resolve) => (wake = resolve));
      const end = received.slice(start).find((event) => terminal.has(event["type"]));
      const refusal = refused[run]?.[index];
      if (refusal) {
        expect(end).toMatchObject({ type: "error", status: 400, error: { message: refusal } });
        continue;
      }
      expect(end?.["type"], JSON.stringify(end).slice(0, 300)).toBe("response.completed");
      previousId = end?.["response"].id;
      if (message["input"] && JSON.stringify(message["input"]).includes('"compaction_trigger"')) {
        expect(end?.["response"].output).toEqual([expect.objectContaining({ type: "compaction", encrypted_content: expect.any(String) })]);
      }
    }
    socket.close();
    await new Promise<void>((resolve) => socket.once("close", () => resolve()));
  });
});
