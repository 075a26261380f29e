import type { HostConfig } from "@switchyard/core";
import type { Emulator, ProfileEndpoint, ProfileName } from "@switchyard/emulator";

/**
 * Placeholder credentials for the in-process emulator: it only checks that a bearer token is
 * present. They live in an env object handed to the host, never in process.env, never printed.
 */
export const EMULATOR_ENV: Readonly<Record<string, string>> = Object.freeze({
  OPENAI_API_KEY: "sk-emulator-placeholder",
  XAI_API_KEY: "xai-emulator-placeholder",
  OPENAI_CODEX_ACCESS_TOKEN: "codex-emulator-placeholder",
  OPENAI_CODEX_ACCOUNT_ID: "acct-emulator",
  ANTHROPIC_API_KEY: "sk-ant-emulator-placeholder",
  // Local servers usually need no key, but the emulator checks for one on every endpoint.
  OPENAI_COMPATIBLE_API_KEY: "local-emulator-placeholder",
});

type ProviderOverrides = Record<string, { baseUrl: string; websocketUrl?: string }>;

/** The config a user would write to point the shipped providers at an emulator. */
export function emulatorProviders(endpoints: Readonly<Record<ProfileName, ProfileEndpoint>>): ProviderOverrides {
  return {
    openai: { ...endpoints.openai },
    "openai-codex": { ...endpoints["openai-codex"] },
    xai: { ...endpoints.xai },
    // A local OpenAI-compatible server speaks the openai dialect over HTTP only.
    "openai-compatible": { baseUrl: endpoints.openai.baseUrl },
    "openai-compatible-chat": { baseUrl: endpoints.openai.baseUrl },
    // The Messages API has no websocket mode.
    anthropic: { baseUrl: endpoints.anthropic.baseUrl },
  };
}

/** The user's config with every emulated provider's URLs replaced by the emulator's. */
export function withEmulator(config: HostConfig, emu: Emulator, extra: Record<string, Record<string, unknown>> = {}): HostConfig {
  const providers: Record<string, Record<string, unknown>> = { ...config.providers };
  for (const [id, urls] of Object.entries(emulatorProviders(emu.endpoints))) providers[id] = { ...providers[id], ...urls, ...extra[id] };
  return { ...config, providers } as HostConfig;
}
