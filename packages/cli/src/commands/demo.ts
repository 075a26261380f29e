import { setTimeout as sleep } from "node:timers/promises";
import { createHost, parseConfig, type Host, type Route } from "@switchyard/core";
import { startEmulator, type Emulator, type ProfileName } from "@switchyard/emulator";
import type { FunctionTool, InputItem } from "@switchyard/sdk";
import { parseCommandLine } from "../args.js";
import type { Command } from "../command.js";
import { ProviderTally, renderSummary } from "../demo-tally.js";
import { EMULATOR_ENV, withEmulator } from "../emulator-wiring.js";
import { CliErrorCode, cliError } from "../errors.js";
import { EventPrinter, type TurnOutcome } from "../event-printer.js";
import { originBindingChapter } from "../demo-origin-binding.js";
import { resolveExtensionPaths } from "../extensions-path.js";
import { formatMs, palette, printHelp, writeJson, type CliContext, type Palette } from "../output.js";
import { routeReason } from "../route-reason.js";

const help = `Usage: switchyard demo [--json] [--extensions path…]

Starts the emulator in-process (127.0.0.1, a free port), points the shipped extensions at it with
the same config a user would write (baseUrl/websocketUrl per provider, placeholder keys), and
shows, streaming:
  1. an agent turn with a tool call on openai, openai-codex and xai, each over its own websocket;
  2. the original bug replayed from a user config (openai-codex's websocket pointed at
     wss://api.openai.com/v1/responses): refused before anything is sent, with the lint finding;
  3. a websocket outage on openai: the first turn falls back to HTTP, the next ones go straight
     to HTTP while the transport cools down, then the half-open attempt recovers.
It ends with a summary per provider. Takes a few seconds; nothing leaves this machine.

Options:
  --json              print only a machine-readable summary
  --extensions path   extension folder(s) or package name(s) (default: $SWITCHYARD_EXTENSIONS, else the shipped extensions)

Exit codes: 0 the story ran as described, 1 it did not (SY_ERR_CLI_DEMO_FAILED), 2 usage error.
`;

const COOLDOWN_MS = 1_500;
const INSTRUCTIONS = "You are a concise assistant. Use tools when asked.";
const WEATHER_TOOL: FunctionTool = {
  type: "function",
  name: "get_weather",
  description: "Current weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
const PROMPT = "What is the weather in Paris? Use get_weather.";
const TOOL_RESULT = JSON.stringify({ city: "Paris", forecast: "sunny", temperatureC: 21 });

const CONVERSATIONS: ReadonlyArray<{ provider: ProfileName; ref: string }> = [
  { provider: "openai", ref: "openai/gpt-5.4" },
  { provider: "openai-codex", ref: "openai-codex/gpt-5.4" },
  { provider: "xai", ref: "xai/grok-4" },
];

function demoFailed(what: string): Error {
  return cliError(CliErrorCode.demoFailed, `The demo did not go as described: ${what}.`, "Run `pnpm build` and retry; if it persists, report it with the output of switchyard demo.");
}

/** Everything a chapter of the demo needs: where to write, how to run and count a turn. */
class Stage {
  readonly tallies = new Map<ProfileName, ProviderTally>();
  readonly colors: Palette;
  private readonly printer: EventPrinter;

  constructor(
    private readonly context: CliContext,
    readonly quiet: boolean,
  ) {
    this.colors = palette(context.stdout, context.env);
    const out = quiet ? { write: () => true } : context.stdout;
    this.printer = new EventPrinter(out, out, this.colors, { text: `  ${this.colors.green("model")}  `, note: "         " });
  }

  say(line = ""): void {
    if (!this.quiet) this.context.stdout.write(`${line}\n`);
  }

  line(label: string, text: string): void {
    this.say(`  ${label.padEnd(5)}  ${text}`);
  }

  routeLine(route: Route, via = "host.resolve"): void {
    const reason = routeReason(route);
    const step = route.trace.find((candidate) => candidate.reason === reason);
    this.say(this.colors.dim(`  ${via} → ${route.transport.kind} ${route.transport.url} [${reason}]${step && reason !== "websocket-selected" ? ` ${step.message}` : ""}`));
  }

  tally(provider: ProfileName, ref: string): ProviderTally {
    let tally = this.tallies.get(provider);
    if (!tally) this.tallies.set(provider, (tally = new ProviderTally(provider, ref)));
    return tally;
  }

  /** Sends one turn, streams it, and counts it for the provider. */
  async turn(session: ReturnType<Host["session"]>, provider: ProfileName, input: string | InputItem[]): Promise<TurnOutcome & { reason: ReturnType<typeof routeReason> }> {
    const started = performance.now();
    let outcome: TurnOutcome;
    try {
      for await (const event of session.send(input)) this.printer.handle(event);
    } finally {
      outcome = this.printer.finish();
    }
    const durationMs = performance.now() - started;
    if (outcome.status !== "completed") throw demoFailed(`a ${provider} turn ended ${outcome.status ?? "without a response"}`);
    const reason = session.lastRoute ? routeReason(session.lastRoute) : "policy-auto";
    this.tally(provider, session.ref).record({ transport: outcome.transport, fallbacks: outcome.fallbacks, reason, durationMs });
    return { ...outcome, reason };
  }
}

/** User asks, the model calls get_weather, the demo answers with a canned result, the model replies. */
async function toolConversation(stage: Stage, host: Host, provider: ProfileName, ref: string): Promise<void> {
  const { colors } = stage;
  const route = await host.resolve(ref);
  stage.say(`${colors.bold(`▸ ${ref}`)} over ${colors.cyan(route.transport.kind)}`);
  stage.routeLine(route);
  const session = host.session(ref, { instructions: INSTRUCTIONS, tools: [WEATHER_TOOL] });
  stage.line(colors.bold("you"), PROMPT);
  const first = await stage.turn(session, provider, PROMPT);
  const call = first.toolCalls[0];
  if (!call) throw demoFailed(`${ref} did not call get_weather`);
  stage.line(colors.magenta("tool"), `${call.name} answered ${TOOL_RESULT}`);
  await stage.turn(session, provider, [{ type: "function_call_output", call_id: call.callId, output: TOOL_RESULT }]);
  stage.say();
}

/** openai's websocket endpoint rejects upgrades: fallback, cool-down, recovery. */
async function outage(stage: Stage, host: Host, emu: Emulator): Promise<Record<string, unknown>> {
  const { colors } = stage;
  const ref = "openai/gpt-5.4";
  stage.say(colors.bold(`▸ outage: ${ref} websocket upgrades answer HTTP 500`) + colors.dim(` (emulator fault; cool-down ${formatMs(COOLDOWN_MS)})`));
  emu.setFaults([{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket" }]);
  // The outage also ends the websocket the first conversation left in the pool, as a real one
  // would; give its close frame a moment to arrive so the next turn must dial again.
  emu.disconnect({ profile: "openai" });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const session = host.session(ref, { instructions: INSTRUCTIONS });
  const upgradesBefore = emu.stats().profiles.openai.websocket.upgradesAttempted;

  stage.line(colors.bold("you"), "Turn 1, while the websocket endpoint is down.");
  const first = await stage.turn(session, "openai", "Turn 1, while the websocket endpoint is down.");
  if (first.fallbacks !== 1 || first.transport !== "http") throw demoFailed("the first outage turn did not fall back to HTTP");
  const [entry] = host.health();
  if (!entry) throw demoFailed("no health entry after the fallback");
  stage.say(colors.dim(`  host.health() → ${entry.state} ${entry.origin} until +${formatMs(entry.until - Date.now())} (last failure ${entry.lastFailure.code})`));
  const cooling = await host.resolve(ref);
  stage.routeLine(cooling);
  if (routeReason(cooling) !== "websocket-cooling-down") throw demoFailed("host.resolve did not report websocket-cooling-down");

  for (const n of [2, 3]) {
    const text = `Turn ${n}, during the cool-down.`;
    stage.line(colors.bold("you"), text);
    const outcome = await stage.turn(session, "openai", text);
    if (outcome.transport !== "http" || outcome.reason !== "websocket-cooling-down") throw demoFailed(`turn ${n} did not go straight to HTTP`);
  }
  const upgradesDuringCooldown = emu.stats().profiles.openai.websocket.upgradesAttempted - upgradesBefore - 1;
  stage.say(colors.dim(`  websocket upgrades attempted during the cool-down: ${upgradesDuringCooldown}`));

  emu.setFaults([]);
  const wait = Math.max(0, entry.until - Date.now()) + 50;
  stage.say(colors.dim(`  fault cleared; waiting ${formatMs(wait)} for the cool-down to end…`));
  await sleep(wait);
  const probe = await host.resolve(ref);
  stage.routeLine(probe);
  const text = "Turn 4, after the cool-down.";
  stage.line(colors.bold("you"), text);
  const recovered = await stage.turn(session, "openai", text);
  const healthAfter = host.health();
  stage.say(colors.dim(`  host.health() → ${healthAfter.length === 0 ? "[] (websocket healthy again)" : JSON.stringify(healthAfter)}`));
  stage.say();
  const ok = recovered.transport === "websocket" && healthAfter.length === 0;
  stage.tally("openai", ref).recovered = ok;
  if (!ok) throw demoFailed("the half-open websocket attempt did not recover");
  return {
    provider: "openai",
    fault: "upgrade-status 500",
    fallbackCode: entry.lastFailure.code,
    cooldownMs: COOLDOWN_MS,
    coolDownReason: routeReason(cooling),
    upgradesDuringCooldown,
    halfOpenReason: routeReason(probe),
    recovered: ok,
    healthAfter,
  };
}

export const demoCommand: Command = {
  name: "demo",
  summary: "tool-calling turns on three providers, the origin-binding refusal, a websocket outage, fallback and recovery (emulator)",
  help,
  async run(argv, context) {
    const { values, help: wantsHelp } = parseCommandLine("demo", argv, { extensions: { type: "string", multiple: true }, json: { type: "boolean" } }, { max: 0 });
    if (wantsHelp) return printHelp(context, help);
    const json = values["json"] === true;
    const extensions = resolveExtensionPaths(context.cwd, values["extensions"] as string[] | undefined, context.env);
    const started = performance.now();
    const stage = new Stage(context, json);
    const emu = await startEmulator({ port: 0, host: "127.0.0.1" });
    const config = withEmulator(parseConfig({}), emu, { openai: { cooldownMs: COOLDOWN_MS } });
    let host: Host | undefined;
    try {
      const { colors } = stage;
      stage.say(`${colors.bold("Switchyard demo")} — emulator at ${colors.cyan(emu.url)}; config points each provider there:`);
      for (const [id, settings] of Object.entries(config.providers)) {
        if (id !== "openai-compatible") stage.say(colors.dim(`  ${id}: ${JSON.stringify(settings)}`));
      }
      stage.say();
      host = await createHost({ extensions, config, env: EMULATOR_ENV });
      for (const { provider, ref } of CONVERSATIONS) await toolConversation(stage, host, provider, ref);
      const originBinding = await originBindingChapter(stage, emu, extensions);
      if (originBinding.refusedCode !== "SY_ERR_CONFIG_FOREIGN_ORIGIN" || originBinding.requestsSent !== 0) {
        throw demoFailed("the codex websocket at api.openai.com was not refused before sending");
      }
      const outageSummary = await outage(stage, host, emu);

      const stats = emu.stats();
      const tallies = CONVERSATIONS.map(({ provider }) => stage.tallies.get(provider)).filter((tally) => tally !== undefined);
      const codex = stage.tallies.get("openai-codex");
      const xai = stage.tallies.get("xai");
      if (codex?.transports.http !== 0) throw demoFailed("openai-codex did not stay on its websocket");
      if (xai?.transports.http !== 0) throw demoFailed("xai did not stay on websocket");
      const durationMs = Math.round(performance.now() - started);
      if (json) {
        writeJson(context.stdout, { ok: true, emulator: emu.url, durationMs, providers: tallies.map((tally) => tally.toJSON(stats)), originBinding, outage: outageSummary });
      } else {
        stage.say(colors.bold("Summary"));
        context.stdout.write(renderSummary(tallies, stats, colors));
        stage.say(colors.dim(`\nDone in ${formatMs(durationMs)}. Request bytes and websocket attempts are counted by the emulator.`));
      }
      return 0;
    } finally {
      await host?.close();
      await emu.close();
    }
  },
};
