import { startEmulator, type Emulator } from "@switchyard/emulator";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, tempFolders, spawnCli, waitForOutput } from "./test-support/run-cli.js";

const folders = tempFolders("switchyard-cli-run-");
const tempCwd = folders.make;
let emu: Emulator | undefined;
afterEach(async () => {
  folders.cleanup();
  await emu?.close();
  emu = undefined;
});


const WEATHER_TOOLS = JSON.stringify([
  { type: "function", name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
]);

describe("switchyard run", () => {
  it("streams one turn from the in-process emulator to stdout, with the route on stderr", async () => {
    const result = await runCli(["run", "openai/gpt-5.4", "Hello there", "--emulator"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("You said: Hello there\n");
    expect(result.stderr).toMatch(/^openai\/gpt-5\.4 via websocket ws:\/\/127\.0\.0\.1:\d+\/v1\/responses \[websocket-selected\] \(emulator http:\/\/127\.0\.0\.1:\d+\)\n$/);
  });

  it("runs a turn on the Messages and Chat Completions apis against the emulator's dialects", async () => {
    const claude = await runCli(["run", "anthropic/sonnet", "Hello Claude", "--emulator"]);
    expect(claude.code).toBe(0);
    expect(claude.stdout).toBe("You said: Hello Claude\n");
    expect(claude.stderr).toMatch(/^anthropic\/claude-sonnet-4-5 via http http:\/\/127\.0\.0\.1:\d+\/anthropic\/v1\/messages \[websocket-not-declared\]/);
    const chat = await runCli(["run", "openai-compatible-chat/qwen3:8b", "Hello chat", "--emulator"]);
    expect(chat.code).toBe(0);
    expect(chat.stdout).toBe("You said: Hello chat\n");
    expect(chat.stderr).toContain("/v1/chat/completions");
  });

  it("prints the unified events as JSON lines with --json", async () => {
    const result = await runCli(["run", "xai/grok-4", "Hi", "--emulator", "--json", "--transport", "http"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const events = result.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(events[0]).toMatchObject({ type: "response-start", transport: "http", model: "grok-4" });
    expect(events.filter((event) => event.type === "text-delta").map((event) => event.delta).join("")).toBe("You said: Hi");
    expect(events.at(-1)).toMatchObject({ type: "response-end", status: "completed", usage: { totalTokens: expect.any(Number) } });
  });

  it("shows the tool calls the model makes when given --tools", async () => {
    const cwd = tempCwd({ "tools.json": WEATHER_TOOLS });
    const text = await runCli(["run", "openai/gpt-5.4", "Call get_weather for Paris", "--emulator", "--tools", "tools.json"], { cwd });
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/→ tool call get_weather\(\{"city":".*Paris"\}\)/);
    const json = await runCli(["run", "openai/gpt-5.4", "Call get_weather for Paris", "--emulator", "--tools", "tools.json", "--json"], { cwd });
    const events = json.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(events).toContainEqual(expect.objectContaining({ type: "tool-call-end", name: "get_weather", callId: expect.any(String) }));
    const bad = await runCli(["run", "openai/gpt-5.4", "hi", "--emulator", "--tools", "tools.json"], { cwd: tempCwd({ "tools.json": '[{"type":"function"}]' }) });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^switchyard: SY_ERR_CLI_TOOLS_INVALID: /m);
  });

  it("reads the prompt from stdin when none is given and stdin is not a terminal", async () => {
    const result = await runCli(["run", "openai/gpt-5.4", "--emulator"], { stdin: "piped prompt\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("You said: piped prompt\n");
    const empty = await runCli(["run", "openai/gpt-5.4", "--emulator"], { stdin: "" });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^switchyard: SY_ERR_CLI_PROMPT_MISSING: /);
  });

  it("names OPENAI_API_KEY when credentials are missing, and fails before connecting", async () => {
    const result = await runCli(["run", "openai/gpt-5.4", "hi"], { env: {}, timeoutMs: 10_000 });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^switchyard: SY_ERR_AUTH_MISSING: Provider "openai" needs credentials that are not set: OPENAI_API_KEY\. Fix: Set OPENAI_API_KEY in the environment\.$/m);
  });

  it("sends nothing at all when credentials are missing (an emulator configured as the endpoint sees no request or upgrade)", async () => {
    emu = await startEmulator({ port: 0, host: "127.0.0.1" });
    const cwd = tempCwd({ "switchyard.config.json": JSON.stringify({ providers: { openai: { ...emu.endpoints.openai } } }) });
    for (const transport of ["auto", "http"]) {
      const result = await runCli(["run", "openai/gpt-5.4", "hi", "--transport", transport], { cwd, env: {} });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("SY_ERR_AUTH_MISSING");
    }
    const stats = emu.stats();
    expect(stats.requests).toEqual([]);
    expect(stats.profiles.openai.websocket.upgradesAttempted).toBe(0);
    expect(stats.profiles.openai.http.requests).toBe(0);
  });

  it("talks to an endpoint from the config with credentials from the environment (no --emulator)", async () => {
    emu = await startEmulator({ port: 0, host: "127.0.0.1" });
    const cwd = tempCwd({ "switchyard.config.json": JSON.stringify({ providers: { xai: { ...emu.endpoints.xai } } }) });
    const result = await runCli(["run", "xai/grok-4", "from the config"], { cwd, env: { XAI_API_KEY: "xai-SENTINEL-4242" } });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("You said: from the config\n");
    expect(result.stderr).not.toContain("SENTINEL");
    expect(emu.stats().profiles.xai.websocket.credentialsSeen).toBe(1);
  });

  it("asks for --instructions when openai-codex requires them", async () => {
    const result = await runCli(["run", "openai-codex/gpt-5.4", "hi", "--emulator"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/SY_ERR_CODEX_INSTRUCTIONS_REQUIRED: .*Fix: Pass --instructions "…" to switchyard run\.\n$/);
    const ok = await runCli(["run", "openai-codex/gpt-5.4", "hi", "--emulator", "--instructions", "Be brief."]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe("You said: hi\n");
    expect(ok.stderr).toMatch(/openai-codex\/gpt-5.4 via websocket ws:\/\/127\.0\.0\.1:\d+\/backend-api\/codex\/responses \[websocket-selected\]/);
  });

  it("stops a turn on Ctrl+C with exit 130 and the abort's coded line", async () => {
    emu = await startEmulator({ port: 0, host: "127.0.0.1", faults: [{ kind: "delay", firstEventMs: 20_000, profile: "openai" }] });
    const cwd = tempCwd({ "switchyard.config.json": JSON.stringify({ providers: { openai: { ...emu.endpoints.openai } } }) });
    const child = spawnCli(["run", "openai/gpt-5.4", "hi"], { cwd, env: { OPENAI_API_KEY: "any" } });
    child.stdin.end();
    let stderr = "";
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    stderr += await waitForOutput(child, /via websocket/, 10_000, "stderr");
    child.stderr.on("data", (chunk: string) => (stderr += chunk));
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/switchyard: SY_ERR_TRANSPORT_ABORTED: /);
  });

  it("gives usage errors for a missing ref, too many arguments and an unknown option", async () => {
    expect((await runCli(["run"])).code).toBe(2);
    const extra = await runCli(["run", "openai/gpt-5.4", "one", "two"]);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/^switchyard: SY_ERR_CLI_BAD_ARGUMENT: switchyard run: unexpected argument "two"/);
    const unknown = await runCli(["run", "openai/gpt-5.4", "hi", "--temperature", "2"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^switchyard: SY_ERR_CLI_UNKNOWN_OPTION: /);
  });
});
