import { fileURLToPath } from "node:url";
import { createHost, type Host, type HostOptions } from "@switchyard/core";
import { startEmulator, type Emulator, type EmulatorOptions } from "@switchyard/emulator";
import type { UnifiedEvent } from "@switchyard/sdk";

export const EXTENSIONS = fileURLToPath(new URL("../../../extensions", import.meta.url));

/** A recognisable key: tests assert it never appears in any error, trace or hook payload. */
export const SECRET = "sk-SENTINEL-do-not-leak-4242";

export const ENV = {
  OPENAI_API_KEY: SECRET,
  XAI_API_KEY: SECRET,
  OPENAI_CODEX_ACCESS_TOKEN: SECRET,
  OPENAI_CODEX_ACCOUNT_ID: "acct-test",
  ANTHROPIC_API_KEY: SECRET,
  OPENAI_COMPATIBLE_API_KEY: SECRET,
};

export const TOOLS = [
  {
    type: "function" as const,
    name: "get_weather",
    description: "Weather for a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
];

/** Host config pointing every shipped provider at the emulator, as a user would write it. */
export function emulatorConfig(emu: Emulator, overrides: Record<string, Record<string, unknown>> = {}) {
  const providers: Record<string, Record<string, unknown>> = {
    openai: { ...emu.endpoints.openai },
    "openai-codex": { ...emu.endpoints["openai-codex"] },
    xai: { ...emu.endpoints.xai },
    "openai-compatible": { baseUrl: emu.endpoints.openai.baseUrl },
    "openai-compatible-chat": { baseUrl: emu.endpoints.openai.baseUrl },
    anthropic: { baseUrl: emu.endpoints.anthropic.baseUrl },
  };
  for (const [id, settings] of Object.entries(overrides)) providers[id] = { ...providers[id], ...settings };
  return { providers };
}

export interface Rig {
  emu: Emulator;
  host: Host;
  close(): Promise<void>;
}

/** An emulator on 127.0.0.1:0 and a host pointed at it. */
export async function startRig(
  options: { emulator?: EmulatorOptions; config?: Record<string, Record<string, unknown>>; host?: Partial<HostOptions> } = {},
): Promise<Rig> {
  const emu = await startEmulator({ port: 0, host: "127.0.0.1", ...options.emulator });
  const host = await createHost({ extensions: [EXTENSIONS], config: emulatorConfig(emu, options.config), env: ENV, ...options.host });
  return {
    emu,
    host,
    close: async () => {
      await host.close();
      await emu.close();
    },
  };
}

/** Runs one turn to the end, returning its events (and the error, if it failed). */
export async function collect(stream: AsyncIterable<UnifiedEvent>): Promise<{ events: UnifiedEvent[]; error: (Error & { code?: string; details?: Record<string, unknown> }) | undefined }> {
  const events: UnifiedEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error: error as Error & { code?: string } };
  }
}

export function textOf(events: UnifiedEvent[]): string {
  return events.map((event) => (event.type === "text-delta" ? event.delta : "")).join("");
}

export function types(events: UnifiedEvent[]): string[] {
  return events.map((event) => event.type);
}

/** Waits until `check` holds (socket teardown is asynchronous on the server side). */
export async function eventually(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
