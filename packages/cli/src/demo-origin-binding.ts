/**
 * The demo chapter that replays the original bug as a user config would cause it: openai-codex's
 * websocket pointed at the generic `wss://api.openai.com/v1/responses`. Switchyard refuses it
 * before anything is sent (origin binding), and the linter finds the same mistake in a manifest.
 */
import { readFile } from "node:fs/promises";
import { createHost, parseConfig } from "@switchyard/core";
import type { Emulator } from "@switchyard/emulator";
import { lintSources, RULES_BY_ID, type LintMessage } from "@switchyard/lint";
import { EMULATOR_ENV } from "./emulator-wiring.js";
import type { Palette } from "./output.js";

/** The URL the buggy runtime dialled for every Codex turn. */
export const GENERIC_WEBSOCKET_URL = "wss://api.openai.com/v1/responses";

export interface OriginBindingOutcome {
  config: Record<string, unknown>;
  refusedCode: string | undefined;
  refusedMessage: string | undefined;
  /** Requests and upgrades the emulator saw during the chapter: 0 means nothing was sent. */
  requestsSent: number;
  lint: Pick<LintMessage, "ruleId" | "severity" | "path" | "message"> | undefined;
}

export interface ChapterOutput {
  say(line?: string): void;
  line(label: string, text: string): void;
  readonly colors: Palette;
}

function errorFields(error: unknown): { code: string | undefined; message: string } {
  const code = typeof (error as { code?: unknown })?.code === "string" ? (error as { code: string }).code : undefined;
  return { code, message: error instanceof Error ? error.message : String(error) };
}

/** The loaded openai-codex manifest (wherever the host found it) with its websocket URL replaced, linted in memory. */
async function lintTheSameMistake(filePath: string | undefined): Promise<OriginBindingOutcome["lint"]> {
  if (!filePath) return undefined;
  const manifest = JSON.parse(await readFile(filePath, "utf8")) as { providers: Array<{ transports: { websocket?: { url?: string } } }> };
  const websocket = manifest.providers[0]?.transports.websocket;
  if (!websocket) return undefined;
  websocket.url = GENERIC_WEBSOCKET_URL;
  const rule = RULES_BY_ID.get("origin-bound");
  const [result] = await lintSources([{ filePath, text: JSON.stringify(manifest, null, 2) }], rule ? { rules: [rule] } : {});
  const finding = result?.messages[0];
  return finding && { ruleId: finding.ruleId, severity: finding.severity, path: finding.path, message: finding.message };
}

/** Runs the chapter: a host from the buggy config, one turn attempted, the lint finding. */
export async function originBindingChapter(out: ChapterOutput, emu: Emulator, extensions: string[]): Promise<OriginBindingOutcome> {
  const { colors } = out;
  const ref = "openai-codex/gpt-5.4";
  // The user kept the emulator as the HTTP base URL, so any request that did leave would be counted.
  const codex = { baseUrl: emu.endpoints["openai-codex"].baseUrl, websocketUrl: GENERIC_WEBSOCKET_URL };
  const config = { providers: { "openai-codex": codex } };
  out.say(colors.bold(`▸ the original bug, from a user config: ${ref} websocket at ${GENERIC_WEBSOCKET_URL}`));
  out.line(colors.bold("config"), JSON.stringify(config));
  const before = emu.stats();
  const seen = (stats: typeof before): number => {
    const codexStats = stats.profiles["openai-codex"];
    return codexStats.http.requests + codexStats.websocket.upgradesAttempted + codexStats.websocket.requests;
  };
  const host = await createHost({ extensions, config: parseConfig(config), env: EMULATOR_ENV });
  const manifestFile = host.providers().providers.find((provider) => provider.id === "openai-codex")?.file;
  let refused: { code: string | undefined; message: string } | undefined;
  try {
    const session = host.session(ref, { instructions: "You are Codex." });
    for await (const event of session.send("say hi")) void event;
  } catch (error) {
    refused = errorFields(error);
  } finally {
    await host.close();
  }
  const requestsSent = seen(emu.stats()) - seen(before);
  if (refused) out.say(`  session.send → ${colors.red(`refused (${refused.code ?? "error"})`)}: ${refused.message}`);
  out.say(colors.dim(`  requests and upgrades the emulator saw for this turn: ${requestsSent}; the refusal came before any connection, so nothing went to api.openai.com`));
  const lint = await lintTheSameMistake(manifestFile);
  if (lint) out.line(colors.yellow("lint"), `${lint.ruleId} (${lint.severity}) at ${lint.path}: ${lint.message}`);
  out.say();
  return { config, refusedCode: refused?.code, refusedMessage: refused?.message, requestsSent, lint };
}
