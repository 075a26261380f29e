import { startEmulator, type Emulator } from "@switchyard/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, tempFolders, spawnCli, waitForOutput } from "./test-support/run-cli.js";

const folders = tempFolders("switchyard-cli-probe-");
const tempCwd = folders.make;
let emu: Emulator | undefined;
afterEach(async () => {
  folders.cleanup();
  await emu?.close();
  emu = undefined;
});


interface ProbeJson {
  provider: string;
  ok: boolean;
  results: Array<{ transport: string; url: string; ok: boolean; status: number | null; detail: string; latencyMs: number; credentials: string }>;
}

describe("switchyard probe", () => {
  it("succeeds for both declared transports of openai against the emulator", async () => {
    const result = await runCli(["probe", "openai", "--emulator"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/http\s+http:\/\/127\.0\.0\.1:\d+\/v1\/models\s+ok\s+HTTP 200\s+\d+ ms\s+sent/);
    expect(result.stdout).toMatch(/websocket \(stable\)\s+ws:\/\/127\.0\.0\.1:\d+\/v1\/responses\s+ok\s+101 Switching Protocols\s+\d+ ms\s+sent/);
    const json = JSON.parse((await runCli(["probe", "openai", "--emulator", "--json"])).stdout) as ProbeJson;
    expect(json.ok).toBe(true);
    expect(json.results.map((row) => [row.transport, row.ok, row.status, row.credentials])).toEqual([
      ["http", true, 200, "sent"],
      ["websocket", true, 101, "sent"],
    ]);
  });

  it("exits 1 and names the failing transport when the websocket upgrade is rejected", async () => {
    emu = await startEmulator({ port: 0, host: "127.0.0.1", faults: [{ kind: "upgrade-status", status: 500, profile: "openai", transport: "websocket" }] });
    const cwd = tempCwd({ "switchyard.config.json": JSON.stringify({ providers: { openai: { ...emu.endpoints.openai } } }) });
    const result = await runCli(["probe", "openai", "--json"], { cwd, env: { OPENAI_API_KEY: "sk-SENTINEL-probe" } });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain("SENTINEL");
    const json = JSON.parse(result.stdout) as ProbeJson;
    expect(json.results.map((row) => [row.transport, row.ok, row.status])).toEqual([
      ["http", true, 200],
      ["websocket", false, 500],
    ]);
    expect(result.stderr).toMatch(/^switchyard: SY_ERR_CLI_PROBE_FAILED: Probe of "openai" failed for websocket \(upgrade rejected with HTTP 500\)\./);
    expect(emu.stats().profiles.openai.websocket.upgradesAttempted).toBe(1);
  });

  it("probes without credentials when none is set: the endpoints answer 401 and no key is sent", async () => {
    emu = await startEmulator({ port: 0, host: "127.0.0.1" });
    const cwd = tempCwd({ "switchyard.config.json": JSON.stringify({ providers: { xai: { ...emu.endpoints.xai } } }) });
    const result = await runCli(["probe", "xai"], { cwd, env: {} });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("No credential set: export XAI_API_KEY");
    expect(result.stdout).toMatch(/credentials rejected or missing/);
    expect(emu.stats().profiles.xai.websocket.credentialsSeen).toBe(0);
  });

  it("reports an unknown provider with the host's error and a bad --timeout as a usage error", async () => {
    const unknown = await runCli(["probe", "nosuch", "--emulator"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^switchyard: SY_ERR_PROVIDER_UNKNOWN: /);
    const timeout = await runCli(["probe", "openai", "--timeout", "soon"]);
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toMatch(/^switchyard: SY_ERR_CLI_BAD_ARGUMENT: switchyard probe: --timeout: /);
  });
});

describe("switchyard emulator", () => {
  it("prints the endpoints as a ready-to-paste config and exits 0 on SIGTERM", async () => {
    const child = spawnCli(["emulator", "--port", "0"]);
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const banner = await waitForOutput(child, /Ctrl\+C stops it/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    expect(url).toBeDefined();
    const snippet = JSON.parse(banner.slice(banner.indexOf("{"), banner.lastIndexOf("}") + 1));
    expect(snippet.providers.openai).toEqual({ baseUrl: `${url}/v1`, websocketUrl: `${url!.replace("http", "ws")}/v1/responses` });
    expect(Object.keys(snippet.providers)).toEqual(["openai", "openai-codex", "xai", "openai-compatible", "openai-compatible-chat", "anthropic"]);
    expect(snippet.providers.anthropic).toEqual({ baseUrl: `${url}/anthropic/v1` });
    const models = await fetch(`${url}/v1/models`, { headers: { authorization: "Bearer anything" } });
    expect(models.status).toBe(200);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("applies --fault specs and prints JSON with --json; stops on SIGINT too", async () => {
    const child = spawnCli(["emulator", "--json", "--fault", "openai:websocket:upgrade-status=503"]);
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const line = await waitForOutput(child, /\n/);
    const info = JSON.parse(line) as { url: string; endpoints: Record<string, { baseUrl: string }>; config: { providers: Record<string, unknown> } };
    expect(info.config.providers["xai"]).toEqual(info.endpoints["xai"]);
    const probe = await runCli(["probe", "openai", "--json"], {
      cwd: tempCwd({ "switchyard.config.json": JSON.stringify(info.config) }),
      env: { OPENAI_API_KEY: "any" },
    });
    expect((JSON.parse(probe.stdout) as ProbeJson).results[1]).toMatchObject({ transport: "websocket", ok: false, status: 503 });
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("refuses a bad fault spec and a bad port as usage errors", async () => {
    const fault = await runCli(["emulator", "--fault", "openai:websocket:teleport"]);
    expect(fault.code).toBe(2);
    expect(fault.stderr).toMatch(/^switchyard: SY_ERR_EMULATOR_FAULT_UNKNOWN_KIND: /);
    const port = await runCli(["emulator", "--port", "70000"]);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/^switchyard: SY_ERR_CLI_BAD_ARGUMENT: switchyard emulator: --port: /);
  });
});

describe("switchyard lint", () => {
  it("exits 0 on the shipped extensions", async () => {
    const result = await runCli(["lint", "extensions"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("no problems");
  });

  it("exits 1 on a broken manifest and 2 on a bad option, like switchyard-lint", async () => {
    const cwd = tempCwd({
      "broken/switchyard.extension.json": JSON.stringify({ manifestVersion: 1, id: "broken", version: "0.1.0", hostApi: "^0.1.0", providers: [], colour: "red" }),
    });
    const broken = await runCli(["lint", "broken", "--format", "json"], { cwd });
    expect(broken.code).toBe(1);
    expect(JSON.stringify(JSON.parse(broken.stdout))).toContain("colour");
    const option = await runCli(["lint", "--fromat", "json"], { cwd });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("SY_ERR_LINT_UNKNOWN_OPTION");
  });
});

describe("switchyard", () => {
  it("lists every command with --help, and every command has its own --help", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    const commands = ["demo", "run", "explain", "providers", "probe", "emulator", "lint"];
    for (const command of commands) expect(help.stdout).toMatch(new RegExp(`^  ${command}\\s`, "m"));
    for (const command of commands) {
      const own = await runCli([command, "--help"]);
      expect(own.code, command).toBe(0);
      expect(own.stdout, command).toMatch(/^Usage: switchyard /);
      expect(own.stdout, command).toMatch(/Exit codes:/);
    }
  });

  it("answers an unknown command and no command with usage errors", async () => {
    const unknown = await runCli(["deploy"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('switchyard: SY_ERR_CLI_UNKNOWN_COMMAND: Unknown command "deploy". Fix: Use one of: demo, run, explain, providers, probe, emulator, serve, lint, login, logout, auth, new (switchyard --help).\n');
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: switchyard <command>/);
  });
});
