import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createHttpTransport } from "./http-transport.js";
import { collect, SENTINEL_KEY, turnFor, useEmulator } from "./test-support/harness.js";
import type { Transport, TurnRequest } from "@switchyard/sdk";
import { createWebSocketTransport } from "./websocket-transport.js";

const harness = useEmulator();

function expectNoSecret(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  const texts = [
    (error as Error).message,
    JSON.stringify(error),
    JSON.stringify((error as { details?: unknown }).details),
    inspect(error, { depth: 20, showHidden: true }),
    String((error as Error).cause),
  ];
  for (const text of texts) {
    expect(text).not.toContain(SENTINEL_KEY);
    expect(text).not.toContain("SENTINEL");
  }
}

describe("secrets", () => {
  const echo = `Incorrect API key provided: ${SENTINEL_KEY}. Authorization: Bearer ${SENTINEL_KEY}`;
  const cases: Array<[string, "http" | "websocket", () => void, Partial<TurnRequest>, string]> = [
    ["origin refused", "http", () => undefined, { origins: ["https://api.openai.com"] }, "SY_ERR_TRANSPORT_ORIGIN_REFUSED"],
    ["origin refused", "websocket", () => undefined, { origins: ["https://api.openai.com"] }, "SY_ERR_TRANSPORT_ORIGIN_REFUSED"],
    [
      "HTTP 401 whose body echoes the key",
      "http",
      () => harness.emulator.setFaults([{ kind: "http-status", status: 401, code: "invalid_api_key", message: echo }]),
      {},
      "SY_ERR_TRANSPORT_HTTP_STATUS",
    ],
    [
      "error event that echoes the key",
      "websocket",
      () => harness.emulator.setFaults([{ kind: "error-event", code: "invalid_api_key", message: echo, afterEvents: 1 }]),
      {},
      "SY_ERR_TRANSPORT_SERVER_ERROR",
    ],
    [
      "response.failed that echoes the key",
      "http",
      () =>
        harness.emulator.script([
          {
            frames: [
              { type: "response.created", response: { id: "resp_s", model: "m" } },
              { type: "response.failed", response: { id: "resp_s", error: { code: SENTINEL_KEY, message: echo } } },
            ],
          },
        ]),
      {},
      "SY_ERR_TRANSPORT_RESPONSE_FAILED",
    ],
    [
      "upgrade rejected with the key in the body",
      "websocket",
      () => harness.emulator.setFaults([{ kind: "upgrade-status", status: 401, body: JSON.stringify({ error: { message: echo } }) }]),
      {},
      "SY_ERR_TRANSPORT_UPGRADE_REJECTED",
    ],
    ["connect refused", "websocket", () => harness.emulator.setFaults([{ kind: "refuse" }]), {}, "SY_ERR_TRANSPORT_CONNECT_FAILED"],
    ["connect refused", "http", () => harness.emulator.setFaults([{ kind: "refuse" }]), {}, "SY_ERR_TRANSPORT_CONNECT_FAILED"],
    [
      "malformed frame",
      "websocket",
      () => harness.emulator.script([{ frames: [`{"oops": "${SENTINEL_KEY}"`] }]),
      {},
      "SY_ERR_TRANSPORT_MALFORMED_FRAME",
    ],
    [
      "idle timeout",
      "http",
      () => harness.emulator.setFaults([{ kind: "delay", betweenEventsMs: 500 }]),
      { timeouts: { idleMs: 50 } },
      "SY_ERR_TRANSPORT_TIMEOUT",
    ],
  ];

  it.each(cases)("%s over %s: the coded error never contains the key", async (_name, kind, arrange, overrides, code) => {
    const transport: Transport = harness.track(kind === "http" ? createHttpTransport() : createWebSocketTransport());
    arrange();
    const { error } = await collect(transport.stream(turnFor(harness.emulator, kind, overrides)));
    expect(error?.code).toBe(code);
    expectNoSecret(error);
  });

  it("an abort whose reason mentions the key does not leak it", async () => {
    const transport = harness.track(createWebSocketTransport());
    const controller = new AbortController();
    controller.abort(new Error(`stop ${SENTINEL_KEY}`));
    const { error } = await collect(transport.stream(turnFor(harness.emulator, "websocket", { signal: controller.signal })));
    expect(error?.code).toBe("SY_ERR_TRANSPORT_ABORTED");
    expectNoSecret(error);
  });

  it("pool keys and the exposed fingerprint never hold header values", async () => {
    const { credentialFingerprint } = await import("./credentials.js");
    const fingerprint = credentialFingerprint({ authorization: `Bearer ${SENTINEL_KEY}` });
    expect(fingerprint).not.toContain("SENTINEL");
    expect(fingerprint).toHaveLength(16);
    expect(credentialFingerprint({ authorization: "Bearer other" })).not.toBe(fingerprint);
  });
});
