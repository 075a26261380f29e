import { describe, expect, it } from "vitest";
import { runCli } from "./test-support/run-cli.js";

interface DemoProvider {
  provider: string;
  transport: string;
  transports: { websocket: number; http: number };
  reason: string;
  reasons: string[];
  turns: number;
  requestBytes: number;
  fallbacks: number;
  coolDownTurns: number;
  websocketAttempts: number;
  recovered?: boolean;
  durationMs: number;
}

describe("switchyard demo", () => {
  it("runs the whole story in well under 30 s and reports fallback, cool-down and recovery in its JSON summary", async () => {
    const result = await runCli(["demo", "--json"], { timeoutMs: 30_000 });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.durationMs).toBeLessThan(30_000);
    const summary = JSON.parse(result.stdout) as {
      ok: boolean;
      emulator: string;
      providers: DemoProvider[];
      originBinding: Record<string, unknown>;
      outage: Record<string, unknown>;
    };
    expect(summary.ok).toBe(true);
    expect(summary.emulator).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const byId = Object.fromEntries(summary.providers.map((provider) => [provider.provider, provider]));
    expect(Object.keys(byId)).toEqual(["openai", "openai-codex", "xai"]);

    const openai = byId["openai"]!;
    expect(openai.fallbacks).toBe(1);
    expect(openai.coolDownTurns).toBeGreaterThanOrEqual(1);
    expect(openai.reasons).toEqual(expect.arrayContaining(["websocket-selected", "websocket-cooling-down", "half-open-probe"]));
    expect(openai.transports.websocket).toBeGreaterThan(0);
    expect(openai.transports.http).toBeGreaterThan(0);
    expect(openai.recovered).toBe(true);
    // The first conversation, the rejected upgrade, the half-open attempt: nothing during the cool-down.
    expect(openai.websocketAttempts).toBe(3);

    const codex = byId["openai-codex"]!;
    expect(codex).toMatchObject({ transport: "websocket", reason: "websocket-selected", transports: { websocket: 2, http: 0 }, websocketAttempts: 1, fallbacks: 0 });
    expect(summary.originBinding).toMatchObject({
      config: { providers: { "openai-codex": { websocketUrl: "wss://api.openai.com/v1/responses" } } },
      refusedCode: "SY_ERR_CONFIG_FOREIGN_ORIGIN",
      requestsSent: 0,
      lint: { ruleId: "origin-bound", severity: "error", path: "/providers/0/transports/websocket/url" },
    });

    const xai = byId["xai"]!;
    expect(xai).toMatchObject({ transport: "websocket", transports: { websocket: 2, http: 0 }, fallbacks: 0 });

    for (const provider of summary.providers) {
      expect(provider.requestBytes, provider.provider).toBeGreaterThan(0);
      expect(provider.turns, provider.provider).toBeGreaterThanOrEqual(2);
    }
    expect(summary.outage).toMatchObject({
      fallbackCode: "SY_ERR_TRANSPORT_UPGRADE_REJECTED",
      coolDownReason: "websocket-cooling-down",
      upgradesDuringCooldown: 0,
      halfOpenReason: "half-open-probe",
      recovered: true,
      healthAfter: [],
    });
  });

  it("streams the conversation, the tool call, the fallback and a summary table, without colours under NO_COLOR and without secrets", async () => {
    const result = await runCli(["demo"], { timeoutMs: 30_000 });
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain("▸ openai/gpt-5.4 over websocket");
    expect(out).toContain("▸ openai-codex/gpt-5.4 over websocket");
    expect(out).toMatch(/ws:\/\/127\.0\.0\.1:\d+\/backend-api\/codex\/responses \[websocket-selected\]/);
    expect(out).toContain("▸ the original bug, from a user config: openai-codex/gpt-5.4 websocket at wss://api.openai.com/v1/responses");
    expect(out).toContain("session.send → refused (SY_ERR_CONFIG_FOREIGN_ORIGIN)");
    expect(out).toContain("requests and upgrades the emulator saw for this turn: 0");
    expect(out).toMatch(/lint\s+origin-bound \(error\) at \/providers\/0\/transports\/websocket\/url/);
    expect(out).toContain("▸ xai/grok-4 over websocket");
    expect(out).toContain("→ tool call get_weather(");
    expect(out).toContain("The get_weather tool returned:");
    expect(out).toMatch(/↯ websocket failed \(SY_ERR_TRANSPORT_UPGRADE_REJECTED\)/);
    expect(out).toContain("[websocket-cooling-down]");
    expect(out).toContain("[half-open-probe]");
    expect(out).toContain("host.health() → [] (websocket healthy again)");
    expect(out).toMatch(/provider\s+transport\s+turns\s+request bytes\s+fallbacks\s+cool-down turns\s+ws attempts\s+time/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no ANSI escape (ESC [) in the output
    expect(out).not.toMatch(/\u001b\[/);
    expect(out).not.toMatch(/placeholder|Bearer/);
  });

  it("refuses an unknown flag with a usage error", async () => {
    const result = await runCli(["demo", "--fast"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^switchyard: SY_ERR_CLI_UNKNOWN_OPTION: .*--fast.*\n$/);
  });
});
