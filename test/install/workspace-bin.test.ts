import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCommand } from "./test-support/run-command.js";
import { ROOT } from "./test-support/workspace-packages.js";

// Inside the clone, the CLI is a dependency of the root package: its bin is linked there.
const pnpm = (args: readonly string[]) => runCommand("pnpm", args, ROOT, 60_000);

const version = (JSON.parse(readFileSync(path.join(ROOT, "packages/cli/package.json"), "utf8")) as { version: string }).version;

describe("the switchyard command at the workspace root", () => {
  it("runs as pnpm exec switchyard", async () => {
    const result = await pnpm(["exec", "switchyard", "--version"]);
    expect(result.stdout.trim()).toBe(version);
    expect(result.code).toBe(0);
  });

  it("runs as the root script pnpm switchyard, with the shipped extensions", async () => {
    const result = await pnpm(["-s", "switchyard", "providers", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const { providers } = JSON.parse(result.stdout) as { providers: Array<{ id: string }> };
    expect(providers.map((provider) => provider.id)).toEqual(["anthropic", "openai", "openai-codex", "openai-compatible", "openai-compatible-chat", "xai"]);
  });
});
