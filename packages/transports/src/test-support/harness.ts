import { startEmulator, type Emulator } from "@switchyard/emulator";
import type { InputItem, UnifiedEvent } from "@switchyard/sdk";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { Transport, TurnRequest, WireApi } from "@switchyard/sdk";
import { BUILTIN_WIRE_APIS } from "../apis/index.js";

/** A credential value that must never show up in any error, detail or cause. */
export const SENTINEL_KEY = "sk-SENTINEL-7f3a9c1e5b2d4068";

export const WEATHER_TOOL = {
  type: "function" as const,
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

export function user(text: string): InputItem {
  return { type: "message", role: "user", content: text };
}

/** Starts one emulator for the file and closes it (and every transport made with `track`) at the end. */
export function useEmulator(): { readonly emulator: Emulator; track<T extends Transport>(transport: T): T } {
  let emulator: Emulator | undefined;
  const transports: Transport[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, host: "127.0.0.1" });
  });
  afterEach(async () => {
    emulator?.setFaults([]);
    await Promise.all(transports.splice(0).map((transport) => transport.close()));
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return {
    get emulator() {
      if (!emulator) throw new Error("emulator not started");
      return emulator;
    },
    track(transport) {
      transports.push(transport);
      return transport;
    },
  };
}

/** A turn against the emulator's openai profile, over http or websocket, with a bearer sentinel key. */
export function turnFor(
  emulator: Emulator,
  kind: "http" | "websocket",
  overrides: Partial<TurnRequest> = {},
): TurnRequest {
  const endpoint = emulator.endpoints.openai;
  const items = [user("hello there")];
  return {
    provider: "openai",
    url: kind === "http" ? `${endpoint.baseUrl}/responses` : endpoint.websocketUrl,
    origins: [emulator.url],
    headers: { authorization: `Bearer ${SENTINEL_KEY}`, "openai-beta": "responses=v1" },
    secretHeaders: ["authorization"],
    api: BUILTIN_WIRE_APIS["openai-responses"] as WireApi,
    body: { model: "gpt-5.4", store: false },
    input: { items, newItems: items },
    ...overrides,
  };
}

export interface Collected {
  events: UnifiedEvent[];
  error: (Error & { code?: string; details?: Record<string, unknown> }) | undefined;
}

/** Runs a turn to its end, keeping the events and the thrown error. */
export async function collect(events: AsyncIterable<UnifiedEvent>): Promise<Collected> {
  const result: Collected = { events: [], error: undefined };
  try {
    for await (const event of events) result.events.push(event);
  } catch (error) {
    result.error = error as Collected["error"];
  }
  return result;
}

/** Events without the ids and transport that differ between runs, for comparing transports. */
export function comparable(events: UnifiedEvent[]): unknown[] {
  return events.map((event) => {
    const copy: Record<string, unknown> = { ...event };
    for (const key of ["responseId", "itemId", "callId", "transport"]) if (key in copy) copy[key] = "*";
    return copy;
  });
}

/** Waits until `check` holds, polling (server-side socket counts settle a moment after a close). */
export async function eventually(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
