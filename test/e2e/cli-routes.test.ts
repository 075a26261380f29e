import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempFolders } from "./test-support/run-cli.js";

const folders = tempFolders("sy-routes-");

describe("switchyard explain with a route alias", () => {
  afterAll(() => folders.cleanup());

  it("names each candidate and what became of it", async () => {
    const dir = folders.make({ "switchyard.config.json": JSON.stringify({ routes: { main: ["nowhere/x", "xai/grok-4", "openai/gpt-5.4"] } }) });
    const result = await runCli(["explain", "main", "--emulator", "--config", path.join(dir, "switchyard.config.json")]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("route      main: nowhere/x (unavailable: SY_ERR_PROVIDER_UNKNOWN), xai/grok-4 (selected), openai/gpt-5.4 (standby)");
    const json = await runCli(["explain", "main", "--emulator", "--json", "--config", path.join(dir, "switchyard.config.json")]);
    expect((JSON.parse(json.stdout) as { provider: string; alias: { name: string } }).alias.name).toBe("main");
  });
});
