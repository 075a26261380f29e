/**
 * Shared ground for the reference-client suites: one emulator per file on 127.0.0.1:0, the
 * dialects each client is pointed at, the weather tool every suite round-trips, and the one place
 * test credentials are made.
 */
import { startEmulator, type Emulator, type ProfileName } from "@switchyard/emulator";
import { WebSocket } from "ws";
import { afterAll, beforeAll } from "vitest";

/** A placeholder key: the emulator only checks that a bearer token is present. */
export const API_KEY = "sk-client-suite";
export const ACCOUNT_ID = "acct-client-suite";

/**
 * A ChatGPT sign-in access token issued by the emulator's OAuth issuer: pi-ai's codex provider
 * reads the account id from its `https://api.openai.com/auth` claim, and the codex profile admits
 * only JWTs its issuer signed.
 */
export function codexAccessToken(emu: Emulator, accountId = ACCOUNT_ID): string {
  return emu.issueAccessToken({ accountId });
}

/** A dialect a client is pointed at, and what that dialect asks of every request. */
export interface Dialect {
  profile: ProfileName;
  model: string;
  /** Codex: the backend stores nothing and needs a base prompt. */
  codex: boolean;
}

export const dialects: readonly Dialect[] = [
  { profile: "openai", model: "gpt-5.4", codex: false },
  { profile: "openai-codex", model: "gpt-5.4", codex: true },
  { profile: "xai", model: "grok-4", codex: false },
];

export const INSTRUCTIONS = "You are a concise assistant. Use tools when asked.";
export const WEATHER_PROMPT = "What is the weather in Paris? Use get_weather.";
export const WEATHER_RESULT = { city: "Paris", forecast: "sunny", temperatureC: 21 };
export const weatherParameters = {
  type: "object",
  properties: { city: { type: "string", description: "City name" } },
  required: ["city"],
  additionalProperties: false,
} as const;
export const weatherTool = { type: "function" as const, name: "get_weather", description: "Current weather for a city", strict: true, parameters: weatherParameters };
/** What the scripted model says after it reads the tool's output. */
export const weatherAnswer = `The get_weather tool returned: ${JSON.stringify(WEATHER_RESULT)}`;

/** Starts one emulator for the file and closes it after; read `.current` inside tests. */
export function useEmulator(): { current: Emulator } {
  const holder = {} as { current: Emulator };
  beforeAll(async () => {
    holder.current = await startEmulator({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  return holder;
}

/** The request log entries the emulator recorded for a profile since `from`. */
export function requestsSince(emu: Emulator, profile: ProfileName, from: number) {
  return emu.stats().requests.slice(from).filter((entry) => entry.profile === profile);
}

/**
 * Node 20 has no global WebSocket, and the Agents SDK and pi-ai dial through one (that takes
 * headers): provide `ws`'s for the file, and take it away after.
 */
export function useGlobalWebSocket(): void {
  const had = "WebSocket" in globalThis;
  beforeAll(() => {
    if (!had) Object.assign(globalThis, { WebSocket });
  });
  afterAll(() => {
    if (!had) delete (globalThis as { WebSocket?: unknown }).WebSocket;
  });
}
